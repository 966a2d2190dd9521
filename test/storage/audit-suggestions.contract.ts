/**
 * The shared contracts of AuditLog and SuggestionStore, passed by SQLite and PostgreSQL. A
 * backend's test file calls `runAuditSuggestionsContract('name', () => newEmptyBackend())`.
 */
import type { AuditLog } from '../../src/core/privacy/ports';
import type { SuggestionStore } from '../../src/suggestions/suggestion-store';

export interface AuditSuggestionsBackend {
  readonly audit: AuditLog;
  readonly suggestions: SuggestionStore;
}

export function runAuditSuggestionsContract(
  name: string,
  create: () => Promise<AuditSuggestionsBackend> | AuditSuggestionsBackend,
): void {
  describe(`AuditLog and SuggestionStore contract: ${name}`, () => {
    let backend: AuditSuggestionsBackend;
    beforeEach(async () => {
      backend = await create();
    });
    const at = (minute: number): Date => new Date(Date.UTC(2026, 2, 4, 9, minute));

    test('audit lines come back oldest first with their detail, from `since`, at most `limit`', async () => {
      await backend.audit.record({
        actor: 'slack:U1',
        at: at(5),
        action: 'lookup',
        subject: 'serial:NV1',
      });
      await backend.audit.record({
        actor: 'cli:root',
        at: at(1),
        action: 'erase',
        subject: 'customer:4',
        detail: { counts: { messages: 3 } },
      });
      await backend.audit.record({
        actor: 'teams:9',
        at: at(9),
        action: 'refused',
        subject: 'ticket-claim',
      });
      const all = await backend.audit.list();
      expect(all.map((entry) => entry.action)).toEqual(['erase', 'lookup', 'refused']);
      expect(all[0]).toMatchObject({
        actor: 'cli:root',
        at: at(1),
        detail: { counts: { messages: 3 } },
      });
      expect(all[1]?.detail).toEqual({});
      expect((await backend.audit.list({ since: at(5) })).map((entry) => entry.subject)).toEqual([
        'serial:NV1',
        'ticket-claim',
      ]);
      expect(await backend.audit.list({ limit: 1 })).toHaveLength(1);
    });

    test('a variant is counted once per transcript line; the same text again counts as seen', async () => {
      const variant = (sourceId: number, minute: number, text = 'چقدر گارانتی داره') => ({
        faq: 'warranty-period',
        locale: 'fa',
        text,
        at: at(minute),
        sourceId,
      });
      expect(await backend.suggestions.record([variant(1, 1), variant(2, 7)], 'clarify')).toBe(2);
      expect(await backend.suggestions.record([variant(1, 1)], 'clarify')).toBe(0);
      expect(await backend.suggestions.record([variant(1, 3, 'other')], 'staff')).toBe(1);
      const listed = await backend.suggestions.list();
      expect(listed.map((item) => [item.text, item.seen])).toEqual([
        ['چقدر گارانتی داره', 2],
        ['other', 1],
      ]);
      expect(listed[0]).toMatchObject({
        firstSeen: at(1),
        lastSeen: at(7),
        status: 'open',
        source: 'clarify',
      });
    });

    test('a suggestion is accepted or rejected, and listed by status', async () => {
      await backend.suggestions.record(
        [{ faq: 'returns', locale: 'el', text: 'επιστροφή;', at: at(2), sourceId: 5 }],
        'clarify',
      );
      const [first] = await backend.suggestions.list('open');
      if (!first) throw new Error('nothing recorded');
      await backend.suggestions.setStatus(first.id, 'accepted');
      expect(await backend.suggestions.list('open')).toEqual([]);
      expect((await backend.suggestions.get(first.id))?.status).toBe('accepted');
      expect((await backend.suggestions.list('accepted')).map((item) => item.id)).toEqual([
        first.id,
      ]);
      expect(await backend.suggestions.get(999)).toBeNull();
    });
  });
}
