/**
 * Who counts as staff, described by the core: the staff router asks before a ticket action or
 * thread reply reaches the desk, the staff lookups before they show a customer's record. The
 * composition root builds it from bot.config.json `staffAccess` (src/staff-access.ts).
 */

/** A person on a staff platform: `slack` and a U… id, `teams` and a 29:… id. */
export interface StaffIdentity {
  readonly platform: string;
  readonly userId: string;
}

export interface StaffAccess {
  allows(identity: StaffIdentity): Promise<boolean>;
}

/** No rule configured: everyone who reaches a staff command may use it (start-up warns). */
export const openStaffAccess: StaffAccess = { allows: () => Promise.resolve(true) };

/** What a refused person is told, in the staff platform's language (staff texts are English). */
export const staffOnlyText =
  'Sorry, only the service team can do this. Ask an admin to add you to the staff channel or to staffAccess in bot.config.json.';
