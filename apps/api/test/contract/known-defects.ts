/**
 * API defects this suite has found and that are not fixed yet. Each one is expected to still reproduce: the
 * test fails when a listed defect no longer shows (so the entry gets removed) and for anything not listed.
 */
export interface KnownDefect {
  id: string;
  /** The test category that sees it: (b) invalid input, (c) valid request, (d) hygiene, (e) random valid input. */
  category: 'b' | 'c' | 'd' | 'e';
  operations: string[];
  /** Matches the failure text of the defect (kind, request, response or problem). */
  match: RegExp;
  description: string;
}

/** The issues that are not known defects, plus a complaint for each listed defect that no longer reproduces. */
export function unexpectedIssues(category: KnownDefect['category'], operationId: string, issues: string[], known: KnownDefect[]): string[] {
  const relevant = known.filter((defect) => defect.category === category && defect.operations.includes(operationId));
  const unexpected = issues.filter((issue) => !relevant.some((defect) => defect.match.test(issue)));
  const fixed = relevant
    .filter((defect) => !issues.some((issue) => defect.match.test(issue)))
    .map((defect) => `KNOWN_API_DEFECTS "${defect.id}" no longer reproduces for ${operationId} (fixed, or the generated requests changed): remove ${operationId} from that entry`);
  return [...unexpected, ...fixed];
}
