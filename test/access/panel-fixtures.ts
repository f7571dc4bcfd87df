// Reviewers, cases and users for the panel, assignment, access and confidentiality suites. The "planted" reviewer's
// name, licence number and id are unusual strings a response must never contain unless it goes to staff.
import { makeSecrets } from "../../src/adapters/auth/secrets.ts";
import type { CaseServices } from "../../src/compose.ts";
import { composeCaseServices } from "../../src/compose.ts";
import { loadConfig } from "../../src/config.ts";
import type { Application } from "../../src/domain/case/types.ts";
import type { ExpertReviewer } from "../../src/domain/reviewers/types.ts";
import type { Clock } from "../../src/services/ports.ts";
import { makeApplication } from "../case-factories.ts";
import type { TestDatabase } from "../contracts/databases.ts";

export const TODAY = "2015-02-25";

export const PLANTED = { id: "rev-planted-7731", name: "Dr. Quillon Vasquez-Planted", licence: "PLNT-9981-LIC" } as const;
export const OTHER = { id: "rev-other-5520", name: "Dr. Ximena Okonkwo-Other", licence: "OTHR-4410-LIC" } as const;
/** An employer the planted reviewer is affiliated with: a case of this employer cannot go to the planted reviewer. */
export const CONFLICTED_EMPLOYER = "Planted Affiliate Foods Inc";

export function makeReviewer(overrides: Partial<ExpertReviewer> = {}): ExpertReviewer {
  return {
    id: "rev-x",
    name: "Dr. Panel Member",
    degree: "MD",
    licences: [{ state: "CA", number: "A100000", status: "active", expires: "2030-06-30" }],
    boardCertifications: ["Physical Medicine and Rehabilitation"],
    specialties: ["physical medicine and rehabilitation"],
    activePracticeSince: "2004-01-01",
    hoursPerWeekInPractice: 32,
    affiliations: [],
    capacity: 10,
    openCases: 0,
    ...overrides,
  };
}

/** The test panel: the planted reviewer fits pain medications best; the other one fits less well and is busier. */
export function testPanel(): ExpertReviewer[] {
  return [
    makeReviewer({
      id: PLANTED.id,
      name: PLANTED.name,
      licences: [{ state: "CA", number: PLANTED.licence, status: "active", expires: "2030-06-30" }],
      boardCertifications: ["Pain Medicine"],
      specialties: ["pain medicine"],
      affiliations: [{ kind: "employer", name: CONFLICTED_EMPLOYER, nature: "financial" }],
      capacity: 10,
      openCases: 1,
    }),
    makeReviewer({ id: OTHER.id, name: OTHER.name, licences: [{ state: "CA", number: OTHER.licence, status: "active", expires: "2030-06-30" }], specialties: ["occupational medicine"], boardCertifications: ["Occupational Medicine"], capacity: 10, openCases: 5 }),
    makeReviewer({ id: "rev-nv-only", name: "Dr. Nevada Only", licences: [{ state: "NV", number: "N1", status: "active", expires: "2030-01-01" }], specialties: ["pain medicine"] }),
    makeReviewer({ id: "rev-junior", name: "Dr. Junior", activePracticeSince: "2012-01-01", specialties: ["pain medicine"] }),
    makeReviewer({ id: "rev-psych", name: "Dr. Psych", specialties: ["psychiatry"], boardCertifications: ["Psychiatry"] }),
  ];
}

let counter = 0;
/** An application of a new worker each time, so cases never collide as duplicates. */
export function uniqueApplication(overrides: Partial<Application> = {}): Application {
  counter += 1;
  return makeApplication({ receivedDate: "2015-02-20", employee: { name: `Panel Worker ${counter} ${Math.random().toString(36).slice(2, 8)}` }, ...overrides });
}

export function fixedClock(today = TODAY, now = () => new Date()): Clock {
  return { today: () => today, now };
}

/** The case services on a test database, with a cheap scrypt cost so sign-ins in tests are fast. */
export function servicesOn(t: TestDatabase, clock: Clock = fixedClock()): Promise<CaseServices> {
  return composeCaseServices(loadConfig({}), { db: t.db, clock, secrets: makeSecrets({ N: 1024, r: 8, p: 1 }) });
}
