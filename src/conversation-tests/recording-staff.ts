/**
 * The staff channel of conversation tests: takes tickets as a Slack channel would (each gets a
 * thread) and keeps nothing, so `staff: recorded` files hand off as with handoff.target slack.
 */
import type { StaffChannel } from '../core/handoff/staff-channel';

export function createRecordingStaffChannel(): StaffChannel {
  let threads = 0;
  return {
    target: 'recorded',
    postTicket: () => Promise.resolve(`thread-${++threads}`),
    updateTicket: () => Promise.resolve(),
    postLine: () => Promise.resolve(),
    postMessage: () => Promise.resolve(`thread-${++threads}`),
    updateMessage: () => Promise.resolve(),
  };
}
