import { DEMO_CATALOGUE, DEMO_TIERS, demoUsdPrice, USERS } from './demo-organisation';
import { buildVolume } from './demo-volume';
import { isTaxNumber } from '../sales/accounts/tax-number';

/** Stand-ins for what loadDemoVolume reads from the database: every demo user, the six default stages, both lists. */
function refs(today: string) {
  const owners = new Map(USERS.map((u, i) => [u.email, { email: u.email, id: `user-${i}`, teamId: u.team ? `team-${u.team}` : null, teamPath: u.team ? `/${u.team}/` : null }]));
  const stages = [10, 20, 40, 60, 100, 0].map((probability, i) => ({ id: `stage-${i}`, pipelineId: 'pipeline', probability, kind: i < 4 ? 'open' : i === 4 ? 'won' : 'lost' }));
  const list = (currency: 'CNY' | 'USD') =>
    new Map(
      DEMO_CATALOGUE.filter(([, category, , , , , , active]) => active && (currency === 'CNY' || category !== 'SVC')).map(([code, , name, nameEn, , price]) => [
        code,
        { code, id: `product-${code}`, name, nameEn, price: currency === 'CNY' ? price : demoUsdPrice(price), tiers: (DEMO_TIERS[code] ?? []).map(([q, p]): [number, string] => [q, currency === 'CNY' ? p : demoUsdPrice(p)]) },
      ]),
    );
  return { owners, stages, catalogue: new Map([['CNY', list('CNY')], ['USD', list('USD')]]), partnerId: 'partner', financeId: 'finance', today, now: Date.parse(`${today}T03:00:00Z`) };
}

/** The rows without their ids (fresh UUIDs on every load), so two builds can be compared. */
const withoutIds = (rows: unknown[][]) => rows.map((row) => row.filter((value) => !(typeof value === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-7/.test(value))));

describe('buildVolume', () => {
  it('is deterministic: the same seed and load day give the same records', () => {
    const first = buildVolume(refs('2026-12-02'));
    const second = buildVolume(refs('2026-12-02'));
    // Compared as text: thousands of rows, where a deep comparison takes seconds.
    for (const table of Object.keys(first) as Array<keyof typeof first>) expect([table, JSON.stringify(withoutIds(second[table]))]).toEqual([table, JSON.stringify(withoutIds(first[table]))]);
  });

  it('moves its dates with the load day and keeps their shape', () => {
    const earlier = buildVolume(refs('2026-12-02'));
    const later = buildVolume(refs('2027-03-15'));
    // Order days (column 5) as days before the load day: the same offsets, so overdue stays overdue.
    const offsets = (rows: unknown[][], today: string) => rows.map((r) => (Date.parse(r[5] as string) - Date.parse(today)) / 86_400_000);
    expect(JSON.stringify(offsets(later.orders, '2027-03-15'))).toBe(JSON.stringify(offsets(earlier.orders, '2026-12-02')));
    expect(later.orders[0][5]).not.toEqual(earlier.orders[0][5]);
  });

  it('gives Chinese companies valid unified social credit codes and unique names', () => {
    const { accounts } = buildVolume(refs('2026-12-02'));
    const codes = accounts.map((a) => a[15]).filter((code): code is string => typeof code === 'string');
    expect(codes.length).toBeGreaterThan(1000);
    for (const code of codes) expect([code, isTaxNumber(code)]).toEqual([code, true]);
    expect(new Set(accounts.map((a) => a[1])).size).toBe(accounts.length);
  });
});
