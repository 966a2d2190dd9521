/**
 * `aftercare warranty SERIAL [--on YYYY-MM-DD] [--issue PART] [--json]`: the staff lookup. Prints
 * the full record (customer, plans, history) and the status, as Slack's `/warranty` shows it. An
 * order number instead of a serial prints every unit on the order (with --json, an array).
 * Exit code 0 when the unit is on record, 1 when it is not, 2 for a usage error.
 */
import { isCalendarDate } from '../../core/warranty/calendar-date';
import { systemClock } from '../../core/ports';
import { renderReason } from '../../core/warranty/render';
import { parseOrderNumber } from '../../core/warranty/serial';
import { createWarrantyService } from '../../core/warranty/service';
import { formatStaffReport } from '../../core/warranty/staff-report';
import { openCliStorage } from '../open-cli-storage';
import { parseArgs, type CliCommand } from '../io';
import { cliActor } from '../person-selector';
import { loadWarrantyProject } from '../project';

const usage = 'usage: aftercare warranty SERIAL [--on YYYY-MM-DD] [--issue PART] [--json]\n';

export const warrantyCommand: CliCommand = async (args, io) => {
  const { flags, positionals } = parseArgs(args, ['json']);
  // A serial may be typed with spaces ("NV12 2301 4567"): the positionals are one serial.
  const serial = positionals.join(' ').trim();
  const on = flags.get('on');
  const issue = flags.get('issue');
  const unknownFlags = [...flags.keys()].filter((name) => !['on', 'issue', 'json'].includes(name));
  if (serial === '' || unknownFlags.length > 0 || on === true || issue === true) {
    io.stderr(unknownFlags.length > 0 ? `unknown option --${unknownFlags[0]}\n${usage}` : usage);
    return 2;
  }
  if (on !== undefined && !isCalendarDate(on)) {
    io.stderr(`--on "${on}" is not a real date; write it as YYYY-MM-DD, e.g. --on 2025-03-21\n`);
    return 2;
  }

  const { config, rules } = loadWarrantyProject(io);
  const storage = openCliStorage(io, config);
  try {
    const units = storage.units;
    const service = createWarrantyService({
      rules,
      units,
      clock: systemClock,
      timeZone: config.businessHours.timeZone,
    });
    const lookup = async (one: string) => {
      const status = await service.status(one, {
        ...(on === undefined ? {} : { on }),
        ...(issue === undefined ? {} : { issue }),
      });
      const reasons = status.reasons.map((reason) => ({
        ...reason,
        text: renderReason(rules, reason, config.defaultLocale),
      }));
      const record = await service.record(one);
      return { status, record, json: { ...status, reasons, record: record ?? null } };
    };
    const found = await lookup(serial);
    // Not a serial on record, but an order number: every unit on the order (JSON: an array).
    const order = found.record ? null : parseOrderNumber(serial, rules);
    const onOrder = [];
    for (const unit of order ? await units.findUnitsByOrder(order) : [])
      onOrder.push(await lookup(unit.serial));
    if (found.record || onOrder.length > 0)
      await storage.audit.record({
        actor: cliActor(io, flags),
        at: new Date(),
        action: 'lookup',
        subject: `serial:${found.status.serial}`,
      });
    if (onOrder.length > 0) {
      if (flags.has('json'))
        io.stdout(
          `${JSON.stringify(
            onOrder.map((item) => item.json),
            null,
            2,
          )}\n`,
        );
      else
        io.stdout(
          `${onOrder.map((item) => formatStaffReport(item.status, item.record, { rules })).join('\n\n---\n\n')}\n`,
        );
      return 0;
    }
    if (flags.has('json')) io.stdout(`${JSON.stringify(found.json, null, 2)}\n`);
    else if (found.record)
      io.stdout(`${formatStaffReport(found.status, found.record, { rules })}\n`);
    if (!found.record) {
      io.stderr(
        `No unit with serial ${found.status.serial} is on record. Check the serial, or import the unit with \`aftercare import units FILE.csv\`.\n`,
      );
      return 1;
    }
    return 0;
  } finally {
    await storage.close();
  }
};
