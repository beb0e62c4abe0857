import { describe, expect, it } from "vitest";
import { fieldIdForPath, groupProblems } from "../src/lib/problems";

describe("problem path → field", () => {
  it.each([
    ["title", "case-title"],
    ["end", "case-end"],
    ["start", "case-start"],
    ["summary", "case-summary"],
    ["home.institution", "case-home-institution"],
    ["facility_id", "case-facility"],
    ["partners[0].org_id", "partner-0-org"],
    ["partners[3].role", "partner-3-role"],
    ["partners", "case-partners"],
    ["items[2].control_code", "item-2-control_code"],
    ["items[0].destination_country", "item-0-destination_country"],
    ["data[1].kind", "data-1-kind"],
    ["people[0].name", "person-0-name"],
    ["people[1].other_affiliations[2]", "person-1-other_affiliations"],
    ["funding[0].amount_eur", "funding-0-amount_eur"],
    ["agreements[1].status", "agreement-1-status"],
    ["fields[4]", "case-fields"],
    ["activities", "case-activities"],
    ["answers.q1.value", "case-answers"],
    ["", ""],
    ["id", ""],
  ])("%s → %s", (path, id) => {
    expect(fieldIdForPath(path)).toBe(id);
  });

  it("groups messages per field", () => {
    const g = groupProblems([
      { file: "x", path: "title", message: "a", line: null, column: null },
      { file: "x", path: "title", message: "b", line: null, column: null },
      { file: "x", path: "", message: "c", line: null, column: null },
    ]);
    expect(g.get("case-title")).toEqual(["a", "b"]);
    expect(g.get("")).toEqual(["c"]);
  });
});
