// A writer process for the crash test: opens the database named by OPENIMR_TEST_DB (JSON DbLocation), then writes
// cases with a large attachment, one transaction each, printing "begin N" before and "committed N" after each write.
// The test kills it with SIGKILL in the middle of a write.
import { DbCaseStore } from "../../src/adapters/db/case-store.ts";
import { migrate } from "../../src/adapters/db/migrate.ts";
import { openCase } from "../../src/domain/case/state-machine.ts";
import { makeApplication } from "../case-factories.ts";
import { type DbLocation, openAt } from "./databases.ts";

export const PAYLOAD_CHARS = 3_000_000;
export const PAYLOAD_END = "<<END-OF-RECORD>>";

const location = JSON.parse(process.env.OPENIMR_TEST_DB ?? "") as DbLocation;
const db = await openAt(location);
await migrate(db);
const store = new DbCaseStore(db);
const sentence = "The patient reports low back pain radiating to the left leg. ";
const body = sentence.repeat(Math.ceil(PAYLOAD_CHARS / sentence.length)).slice(0, PAYLOAD_CHARS - PAYLOAD_END.length) + PAYLOAD_END;
process.stdout.write("ready\n");
for (let n = 1; n <= 1000; n += 1) {
  const application = makeApplication({
    employee: { name: `Crash Worker ${n}` },
    attachments: [{ title: `Records ${n}`, kind: "medical records", text: body }],
  });
  process.stdout.write(`begin ${n}\n`);
  await store.create(openCase(`IMR-CRASH-${n}`, application), [
    { actor: "crash-test", action: "received", detail: { n } },
    { actor: "crash-test", action: "screened", detail: { n } },
  ]);
  process.stdout.write(`committed ${n}\n`);
}
