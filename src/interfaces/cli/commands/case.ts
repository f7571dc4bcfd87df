import { type Command, Option } from "commander";
import type { z } from "zod";
import { caseIds, composeRecords, systemClock } from "../../../compose.ts";
import { loadConfig } from "../../../config.ts";
import type { Application, ImrCase, ItemDetermination, RecordsParty } from "../../../domain/case/types.ts";
import type { ClockStatus } from "../../../domain/deadlines/clocks.ts";
import type { CaseView } from "../../../services/cases.ts";
import { AppError } from "../../../services/errors.ts";
import { makeIntake, type ScreeningReport } from "../../../services/intake.ts";
import { ApplicationBody, describeIssues, fieldIssues, IsoDate, ItemDeterminationBody } from "../../case-contract.ts";
import { cliActor, dataOption, formatOption, withCaseServices } from "../case-services.ts";
import { parseJsonDocuments, readInput } from "../io.ts";

type Out = (text: string) => void;
type Common = { data?: string; format: "json" | "text"; actor?: string };

function parseWith<T extends z.ZodType>(schema: T, value: unknown, where: string): z.output<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issues = fieldIssues(parsed.error);
    throw new AppError("INPUT_INVALID", `${where}: ${describeIssues(issues)}`, issues);
  }
  return parsed.data;
}

function readApplication(path: string): Application {
  const documents = parseJsonDocuments(readInput(path), path);
  if (documents.length !== 1) throw new AppError("INPUT_INVALID", `${path} holds ${documents.length} applications; give one.`);
  return parseWith(ApplicationBody, documents[0], path);
}

function date(value: string | undefined, option: string): string | undefined {
  if (value === undefined) return undefined;
  if (!IsoDate.safeParse(value).success)
    throw new AppError("INPUT_INVALID", `${option} "${value}" is not a date as YYYY-MM-DD.`, [
      { code: "INPUT_INVALID", message: "expected a date as YYYY-MM-DD", path: option },
    ]);
  return value;
}


function clockLine(c: ClockStatus): string {
  const due = c.dueOn ? ` (due ${c.dueOn})` : "";
  return `  - ${c.obligation}: ${c.text}${due} [${c.citation}]`;
}

function renderScreening(report: ScreeningReport): string {
  const e = report.eligibility;
  const head = e.eligible ? `ELIGIBLE for ${report.track} review` : e.deferred ? "DEFERRED" : "NOT ELIGIBLE";
  return [
    head,
    ...e.reasons.map((r) => `  - ${r.code}: ${r.message} [${r.citation}]`),
    ...e.notes.map((n) => `  note ${n.code}: ${n.message}${n.citation ? ` [${n.citation}]` : ""}`),
    `Deadlines (as if screened on ${report.screenedOn}):`,
    ...report.deadlines.map(clockLine),
    "",
  ].join("\n");
}

function caseJson(v: CaseView, audit?: unknown) {
  return { ...v.imrCase, deadlines: v.deadlines, notices: v.notices, ...(audit ? { audit } : {}) };
}

function renderCase(v: CaseView): string {
  const c: ImrCase = v.imrCase;
  const lines = [
    `${c.id}  ${c.status.replace(/_/g, " ")}  ${c.track}  (version ${c.version})`,
    `  employee: ${c.application.employee.name}; received ${c.application.receivedDate}; UR decision ${c.application.urDecision?.date ?? "not given"}`,
    ...(c.application.urDecision?.items ?? []).map(
      (i) =>
        `  item: ${i.request} (UR ${i.decision})${c.determinations?.find((d) => d.request === i.request) ? ` → ${c.determinations.find((d) => d.request === i.request)!.determination}` : ""}`,
    ),
    ...(c.eligibility?.reasons ?? []).map((r) => `  reason ${r.code}: ${r.message} [${r.citation}]`),
    ...(c.application.attachments ?? []).map((a) => `  record: ${a.title}${a.pages ? ` (${a.pages} page${a.pages === 1 ? "" : "s"})` : ""}`),
    "  deadlines:",
    ...v.deadlines.map((d) => `  ${clockLine(d)}`),
    ...v.notices.map((n) => `  notice: ${n.title} (${n.date})`),
    "",
  ];
  return lines.join("\n");
}

function print(out: Out, format: string, json: unknown, text: () => string): void {
  out(format === "json" ? `${JSON.stringify(json, null, 2)}\n` : text());
}

/** Parses "--item 'Norco 10/325mg #120=Upheld'" into a determination. */
function parseItem(value: string, previous: ItemDetermination[] = []): ItemDetermination[] {
  const at = value.lastIndexOf("=");
  if (at < 0) throw new AppError("INPUT_INVALID", `--item "${value}" must be "request=Upheld" or "request=Overturned".`);
  return [...previous, parseWith(ItemDeterminationBody, { request: value.slice(0, at).trim(), determination: value.slice(at + 1).trim() }, "--item")];
}

export function registerCase(program: Command, out: Out): void {
  const group = program.command("case").description("IMR cases: screen and receive applications, follow their deadlines, record events");

  group
    .command("screen")
    .description("Screen an application for eligibility and show its deadlines; stores nothing")
    .requiredOption("-i, --input <file>", "application as JSON (- reads standard input)")
    .option("--on <date>", "the screening date the deadlines are projected from (default today)")
    .addOption(formatOption())
    .addOption(dataOption())
    .addHelpText("after", "\nExample:\n  openimr case screen --input application.json --format json")
    .action(async (options: Common & { input: string; on?: string }) => {
      const application = readApplication(options.input);
      const on = date(options.on, "--on");
      let report: ScreeningReport;
      try {
        report = await withCaseServices(options, (s) => s.intake.screen(application, on ? { on } : {}));
      } catch (error) {
        if (!(error instanceof AppError && error.code === "DATA_DIR_LOCKED")) throw error;
        // A running server holds the data directory: screen without the duplicate and prior-IMR checks, and say so.
        const offline = makeIntake({ cases: noStore, clock: systemClock, ids: caseIds, organisationName: loadConfig(process.env).organisationName });
        report = await offline.screen(application, on ? { on } : {});
        report.eligibility.notes.push({ code: "STORE_NOT_CHECKED", message: `${error.message} Duplicates and earlier IMRs were not checked.` });
      }
      print(out, options.format, report, () => renderScreening(report));
    });

  group
    .command("create")
    .description("Receive an application: screen it, store the case, assign it when eligible (prints the case with its id)")
    .requiredOption("-i, --input <file>", "application as JSON (- reads standard input)")
    .option("--on <date>", "the day of screening (default today)")
    .addOption(new Option("--notice <channel>", "how the Notice of Assignment is sent").choices(["electronic", "mail"]).default("electronic"))
    .option("--actor <name>", "who does this, for the audit log (default $OPENIMR_ACTOR or cli:<user>)")
    .addOption(formatOption())
    .addOption(dataOption())
    .action(async (options: Common & { input: string; on?: string; notice: "electronic" | "mail" }) => {
      const application = readApplication(options.input);
      const on = date(options.on, "--on");
      const created = await withCaseServices(options, (s) =>
        s.intake.create(application, { actor: cliActor(options), noticeChannel: options.notice, ...(on ? { on } : {}) }),
      );
      const view = { imrCase: created.imrCase, deadlines: created.deadlines, notices: created.notices };
      print(out, options.format, caseJson(view), () => renderCase(view));
    });

  group
    .command("show <id>")
    .description("Show a case with its deadlines and notices")
    .option("--today <date>", "the day the deadlines are counted to (default today)")
    .option("--audit", "include the audit log")
    .addOption(formatOption())
    .addOption(dataOption())
    .action(async (id: string, options: Common & { today?: string; audit?: boolean }) => {
      const today = date(options.today, "--today");
      const { view, audit } = await withCaseServices(options, async (s) => ({
        view: await s.cases.get(id, today),
        audit: options.audit ? await s.cases.auditTrail(id) : undefined,
      }));
      print(
        out,
        options.format,
        caseJson(view, audit),
        () => renderCase(view) + (audit ? `${audit.map((a) => `  audit ${a.at} ${a.actor} ${a.action} ${JSON.stringify(a.detail)}`).join("\n")}\n` : ""),
      );
    });

  group
    .command("list")
    .description('The worklist: open cases by urgency ("overdue by N days" first, then "due in N days")')
    .option("--today <date>", "the day the deadlines are counted to (default today)")
    .addOption(formatOption())
    .addOption(dataOption())
    .action(async (options: Common & { today?: string }) => {
      const today = date(options.today, "--today");
      const entries = await withCaseServices(options, (s) => s.cases.worklist(today));
      const json = entries.map((e) => ({
        id: e.imrCase.id,
        status: e.imrCase.status,
        track: e.imrCase.track,
        receivedDate: e.imrCase.application.receivedDate,
        next: e.clock ? { code: e.clock.code, obligation: e.clock.obligation, dueOn: e.clock.dueOn, daysLeft: e.clock.daysLeft, text: e.clock.text } : null,
      }));
      print(out, options.format, json, () =>
        entries.length
          ? `${entries.map((e) => `${e.imrCase.id}  ${e.imrCase.status.replace(/_/g, " ")}  ${e.imrCase.track}  ${e.text}`).join("\n")}\n`
          : "No open cases.\n",
      );
    });

  const action = (name: string, description: string) =>
    group
      .command(`${name} <id>`)
      .description(description)
      .option("--on <date>", "the day it happened (default today)")
      .option("--expect-version <n>", "refuse if the case is no longer at this version (optimistic concurrency)", (v) => Number(v))
      .option("--actor <name>", "who does this, for the audit log")
      .addOption(formatOption())
      .addOption(dataOption());

  type ActionOpts = Common & { on?: string; expectVersion?: number };
  const common = (options: ActionOpts) => {
    const on = date(options.on, "--on");
    return { actor: cliActor(options), ...(on ? { on } : {}), ...(options.expectVersion !== undefined ? { expectedVersion: options.expectVersion } : {}) };
  };
  const show = (options: Common) => (view: CaseView) => print(out, options.format, caseJson(view), () => renderCase(view));

  action("withdraw", "Withdraw a case (any time before the decision)")
    .option("--reason <text>", "why")
    .action(async (id: string, options: ActionOpts & { reason?: string }) => {
      show(options)(await withCaseServices(options, (s) => s.cases.withdraw(id, { ...common(options), ...(options.reason ? { reason: options.reason } : {}) })));
    });

  action("records-received", "Record documents received, storing the record files given; complete records start the determination clock")
    .addOption(new Option("--from <party>", "who sent them").choices(["claims_administrator", "employee", "physician"]).default("claims_administrator"))
    .option("--complete", "the records are complete (default when from the claims administrator)")
    .option("--incomplete", "the records are not complete yet")
    .option("--file <path>", "a record that came (PDF or text), stored with the case; repeat for each file", (v: string, prev: string[] = []) => [...prev, v])
    .addHelpText("after", "\nExample:\n  openimr case records-received IMR-2015-0A1B2C3D --file pr2-2015-01-06.pdf --file ur-letter.pdf\nA file that cannot be read fails the command with its code (RECORD_CORRUPT, ...) and nothing is stored.")
    .action(async (id: string, options: ActionOpts & { from: RecordsParty; complete?: boolean; incomplete?: boolean; file?: string[] }) => {
      const complete = options.incomplete ? false : options.complete ? true : undefined;
      // Every file is read before the case is touched: one unreadable file stores nothing.
      const read = options.file?.length ? await composeRecords(loadConfig(process.env)).readForCase(options.file.map((path) => ({ path }))) : undefined;
      const view = await withCaseServices(options, (s) =>
        s.cases.recordsReceived(id, {
          ...common(options),
          from: options.from,
          ...(complete !== undefined ? { complete } : {}),
          ...(read ? { attachments: read.attachments } : {}),
        }),
      );
      show(options)(view);
      if (options.format === "text") for (const p of read?.problems ?? []) out(`  note ${p.code}: ${p.message}\n`);
    });

  action("decide", "Record the determination of every disputed item")
    .option("--item <request=Upheld|Overturned>", 'one per disputed item, e.g. --item "Norco 10/325mg #120=Upheld"', parseItem)
    .option("--decisions <file>", 'JSON { "items": [ { "request": "...", "determination": "Upheld" } ] }')
    .action(async (id: string, options: ActionOpts & { item?: ItemDetermination[]; decisions?: string }) => {
      let items = options.item ?? [];
      if (options.decisions) {
        const [doc] = parseJsonDocuments(readInput(options.decisions), options.decisions);
        const list = (doc as { items?: unknown })?.items;
        if (!Array.isArray(list))
          throw new AppError("INPUT_INVALID", `${options.decisions}: expected { "items": [ ... ] }.`, [
            { code: "INPUT_INVALID", message: "expected an array", path: "items" },
          ]);
        items = [...items, ...list.map((item, i) => parseWith(ItemDeterminationBody, item, `${options.decisions} items.${i}`))];
      }
      if (!items.length) throw new AppError("INPUT_INVALID", 'Give the determinations with --item "request=Upheld" or --decisions FILE.');
      show(options)(await withCaseServices(options, (s) => s.cases.decide(id, items, common(options))));
    });
}

/** A store that holds nothing, for screening while the data directory is in use by another process. */
const noStore = {
  get: async () => undefined,
  list: async () => [],
  findDuplicate: async () => undefined,
  findByEmployee: async () => [],
  create: async () => {
    throw new AppError("DATA_DIR_LOCKED", "Nothing can be stored while the data directory is in use.");
  },
  update: async () => {
    throw new AppError("DATA_DIR_LOCKED", "Nothing can be stored while the data directory is in use.");
  },
};
