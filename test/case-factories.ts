import type { Application, DisputedItem, ImrCase } from "../src/domain/case/types.ts";
import { openCase, replay } from "../src/domain/case/state-machine.ts";
import { addDays } from "../src/domain/shared/dates.ts";
import type { CaseEvent } from "../src/domain/case/types.ts";
import { screenEligibility } from "../src/domain/eligibility/screen.ts";

/** A complete, timely, signed standard application (the shape of test/fixtures/shared/applications/application.example.json). */
export function makeApplication(overrides: Partial<Application> & { filedDaysAfterService?: number; items?: DisputedItem[] } = {}): Application {
  const { filedDaysAfterService, items, ...rest } = overrides;
  const servedDate = rest.urDecision?.servedDate ?? "2015-02-02";
  const application: Application = {
    receivedDate: filedDaysAfterService === undefined ? "2015-02-20" : addDays(servedDate, filedDaysAfterService),
    signed: true,
    expedited: false,
    dateOfInjury: "2012-03-14",
    employee: { name: "Example Worker" },
    employer: { name: "Example Foods Distribution" },
    claimsAdministrator: { name: "Example Claims Services" },
    treatingPhysician: { name: "Dr. Example Treater", specialty: "orthopedic surgery" },
    urOrganization: { name: "Example Review Services" },
    urDecision: {
      date: "2015-02-02",
      servedDate,
      serviceMethod: "mail",
      attached: true,
      items: items ?? [{ request: "Norco 10/325mg #120", decision: "denied", basis: "medical necessity" }],
    },
    ...rest,
  };
  if (filedDaysAfterService !== undefined) application.receivedDate = addDays(servedDate, filedDaysAfterService);
  return application;
}

/** A case that has gone through the given events after being received and screened (eligible, assigned when asked). */
export function makeCase(application: Application = makeApplication(), events: CaseEvent[] = [], id = "IMR-TEST-1"): ImrCase {
  const opened = openCase(id, application);
  const screened = replay(opened, [{ type: "screened", on: application.receivedDate, eligibility: screenEligibility(application) }, ...events]);
  if (!screened.ok) throw new Error(screened.issues.map((i) => i.message).join("; "));
  return screened.value;
}
