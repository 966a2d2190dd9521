/**
 * The staff warranty report (Slack's `/warranty SERIAL`) behind the staff rule and the audit
 * trail: a refused person gets a polite line and a log line, an allowed lookup is audited.
 */
import { staffOnlyText, type StaffAccess, type StaffIdentity } from './core/handoff/staff-access';
import type { Clock, Logger } from './core/ports';
import type { AuditLog } from './core/privacy/ports';

export type StaffWarranty = (serial: string, requester: StaffIdentity) => Promise<string>;

export function createAuditedStaffWarranty(
  lookup: (serial: string) => Promise<string>,
  options: {
    readonly access: StaffAccess;
    readonly audit: AuditLog;
    readonly clock: Clock;
    readonly logger: Logger;
  },
): StaffWarranty {
  return async (serial, requester) => {
    const actor = `${requester.platform}:${requester.userId}`;
    const subject = `serial:${serial.toUpperCase().replace(/[\s-]/g, '')}`;
    if (!(await options.access.allows(requester))) {
      options.logger.warn({ actor, what: 'warranty' }, 'staff lookup refused: not staff');
      await options.audit.record({ actor, at: options.clock.now(), action: 'refused', subject });
      return staffOnlyText;
    }
    const report = await lookup(serial);
    await options.audit.record({ actor, at: options.clock.now(), action: 'lookup', subject });
    return report;
  };
}
