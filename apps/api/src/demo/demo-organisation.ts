import { RoleKey } from '../identity/roles/role-key';
import { TeamKind } from '../identity/teams/team.entity';

export interface DemoTeam {
  code: string;
  parent: string | null;
  name: string;
  nameEn: string;
  kind: TeamKind;
}

/** Company → departments; Sales → regional subsidiaries → sales groups. */
export const TEAMS: DemoTeam[] = [
  { code: 'HQ', parent: null, name: '联喜机械总部', nameEn: 'Headquarters', kind: TeamKind.Company },
  { code: 'SALES', parent: 'HQ', name: '销售部', nameEn: 'Sales', kind: TeamKind.Department },
  { code: 'EAST', parent: 'SALES', name: '华东销售公司', nameEn: 'East Region', kind: TeamKind.Subsidiary },
  { code: 'E1', parent: 'EAST', name: '华东一组', nameEn: 'Group E1', kind: TeamKind.Group },
  { code: 'E2', parent: 'EAST', name: '华东二组', nameEn: 'Group E2', kind: TeamKind.Group },
  { code: 'NORTH', parent: 'SALES', name: '华北销售公司', nameEn: 'North Region', kind: TeamKind.Subsidiary },
  { code: 'N1', parent: 'NORTH', name: '华北一组', nameEn: 'Group N1', kind: TeamKind.Group },
  { code: 'MKT', parent: 'HQ', name: '市场部', nameEn: 'Marketing', kind: TeamKind.Department },
  { code: 'SVC', parent: 'HQ', name: '客户服务中心', nameEn: 'Service Center', kind: TeamKind.Department },
  { code: 'FIN', parent: 'HQ', name: '财务部', nameEn: 'Finance', kind: TeamKind.Department },
  { code: 'QA', parent: 'HQ', name: '质量部', nameEn: 'Quality', kind: TeamKind.Department },
];

export const DEMO_PARTNER = { name: '经销商X', nameEn: 'Distributor X' };

export interface DemoUser {
  email: string;
  name: string;
  nameEn: string;
  role: RoleKey;
  /** Team code, or null for the partner user. */
  team: string | null;
  manager: string | null;
  locale: 'zh-CN' | 'en';
}

/** Demo-only accounts; each password is `Demo#<local part>#2026` (listed in README.md). */
export const USERS: DemoUser[] = [
  { email: 'admin@lianxi.test', name: '赵系统', nameEn: 'Zhao Xitong', role: RoleKey.SystemAdmin, team: 'HQ', manager: null, locale: 'zh-CN' },
  { email: 'gm@lianxi.test', name: '陈总', nameEn: 'Chen Zong', role: RoleKey.GeneralManager, team: 'HQ', manager: null, locale: 'zh-CN' },
  { email: 'director@lianxi.test', name: '刘总监', nameEn: 'Liu Zongjian', role: RoleKey.SalesDirector, team: 'SALES', manager: 'gm@lianxi.test', locale: 'zh-CN' },
  { email: 'manager.east@lianxi.test', name: '孙经理', nameEn: 'Sun Jingli', role: RoleKey.SalesManager, team: 'EAST', manager: 'director@lianxi.test', locale: 'zh-CN' },
  { email: 'rep.e1@lianxi.test', name: '王磊', nameEn: 'Wang Lei', role: RoleKey.SalesRep, team: 'E1', manager: 'manager.east@lianxi.test', locale: 'zh-CN' },
  { email: 'rep.e1b@lianxi.test', name: '李静', nameEn: 'Li Jing', role: RoleKey.SalesRep, team: 'E1', manager: 'manager.east@lianxi.test', locale: 'zh-CN' },
  { email: 'rep.e2@lianxi.test', name: '张伟', nameEn: 'Zhang Wei', role: RoleKey.SalesRep, team: 'E2', manager: 'manager.east@lianxi.test', locale: 'zh-CN' },
  { email: 'rep.n1@lianxi.test', name: '周强', nameEn: 'Zhou Qiang', role: RoleKey.SalesRep, team: 'N1', manager: 'director@lianxi.test', locale: 'zh-CN' },
  { email: 'marketing@lianxi.test', name: '吴芳', nameEn: 'Wu Fang', role: RoleKey.MarketingSpecialist, team: 'MKT', manager: 'gm@lianxi.test', locale: 'zh-CN' },
  { email: 'agent@lianxi.test', name: '郑敏', nameEn: 'Zheng Min', role: RoleKey.ServiceAgent, team: 'SVC', manager: 'gm@lianxi.test', locale: 'zh-CN' },
  { email: 'engineer@lianxi.test', name: '冯刚', nameEn: 'Feng Gang', role: RoleKey.FieldEngineer, team: 'SVC', manager: 'gm@lianxi.test', locale: 'zh-CN' },
  { email: 'finance@lianxi.test', name: '何丽', nameEn: 'He Li', role: RoleKey.Finance, team: 'FIN', manager: 'gm@lianxi.test', locale: 'zh-CN' },
  { email: 'quality@lianxi.test', name: '马健', nameEn: 'Ma Jian', role: RoleKey.QualityInspector, team: 'QA', manager: 'gm@lianxi.test', locale: 'zh-CN' },
  { email: 'auditor@lianxi.test', name: '林审', nameEn: 'Lin Shen', role: RoleKey.Auditor, team: 'HQ', manager: 'gm@lianxi.test', locale: 'zh-CN' },
  { email: 'partner@lianxi.test', name: '经销商X 黄总', nameEn: 'Huang (Distributor X)', role: RoleKey.Partner, team: null, manager: null, locale: 'zh-CN' },
];

export function demoPassword(email: string): string {
  return `Demo#${email.split('@')[0]}#2026`;
}

export interface DemoAccount {
  name: string;
  /** One contact person (owned like the account). */
  contact: { name: string; title: string; phone: string; email: string };
  owner: string;
  industry: string;
  region: string;
  phone: string;
  email: string;
  partner?: boolean;
  ownerOnlyEdit?: boolean;
  restricted?: boolean;
}

/**
 * A few customers that show the permission engine at work (the sales issue adds the full demo data set): each sales
 * group's own customers, an owner-only one, a restricted one and one of the distributor's.
 */
export const ACCOUNTS: DemoAccount[] = [
  { contact: { name: '李建国', title: '采购经理', phone: '13811112222', email: 'li.jianguo@hengda.example.cn' }, name: '徐州恒达工程机械有限公司', owner: 'rep.e1@lianxi.test', industry: 'construction', region: 'East', phone: '13812345678', email: 'purchasing@hengda.example.cn' },
  { contact: { name: '王芳', title: '设备主管', phone: '13933334444', email: 'wang.fang@yuanhang.example.cn' }, name: '苏州远航建设集团', owner: 'rep.e1b@lianxi.test', industry: 'construction', region: 'East', phone: '13987654321', email: 'info@yuanhang.example.cn', ownerOnlyEdit: true },
  { contact: { name: '陈刚', title: '运营总监', phone: '13755556666', email: 'chen.gang@hzport.example.cn' }, name: '杭州湾港口物流有限公司', owner: 'rep.e2@lianxi.test', industry: 'logistics', region: 'East', phone: '13700001111', email: 'ops@hzport.example.cn' },
  { contact: { name: '赵磊', title: '总工程师', phone: '13677778888', email: 'zhao.lei@beifang.example.cn' }, name: '天津北方矿业股份有限公司', owner: 'rep.n1@lianxi.test', industry: 'mining', region: 'North', phone: '13622223333', email: 'cg@beifang.example.cn' },
  { contact: { name: '孙丽', title: '项目经理', phone: '13599990000', email: 'sun.li@shencheng.example.cn' }, name: '上海申城地铁建设（保密项目）', owner: 'rep.e1@lianxi.test', industry: 'infrastructure', region: 'East', phone: '13544445555', email: 'pm@shencheng.example.cn', restricted: true },
  { contact: { name: '周强', title: '租赁部经理', phone: '13312121212', email: 'zhou.qiang@donggang.example.cn' }, name: '宁波东港重型设备租赁', owner: 'manager.east@lianxi.test', industry: 'rental', region: 'East', phone: '13366667777', email: 'rent@donggang.example.cn' },
  { contact: { name: 'Liu Yang', title: 'Procurement', phone: '13234343434', email: 'liu.yang@qdcranes.example.com' }, name: 'Qingdao Harbour Cranes Ltd.', owner: 'partner@lianxi.test', industry: 'logistics', region: 'North', phone: '13288889999', email: 'buy@qdcranes.example.com', partner: true },
];

/** What the demo maker sells, for opportunity names: [Chinese, English, unit price in CNY]. */
export const DEMO_PRODUCTS: Array<[string, string, string]> = [
  ['XE370 挖掘机', 'XE370 excavator', '1380000.00'],
  ['ZL50 装载机', 'ZL50 wheel loader', '468000.50'],
  ['QY25 汽车起重机', 'QY25 truck crane', '1125000.00'],
  ['XE215 挖掘机', 'XE215 excavator', '735000.00'],
  ['液压件备件包', 'Hydraulic spare parts kit', '86500.75'],
  ['三年全保服务合同', 'Three-year full service contract', '219999.99'],
];

export const DEMO_COMPETITORS = ['三一重工', '中联重科', 'Caterpillar', 'Komatsu', '柳工'];

/**
 * Five opportunities per demo account, walking the default pipeline's stages (0–3 open, 4 won, 5 lost) so every
 * stage has some: deterministic, so tests and screenshots can count on them. The first of each account carries the
 * account's owner-only and restricted flags, like the account.
 */
export function demoOpportunities(): Array<{ account: number; product: number; quantity: number; stage: number; closeMonth: number; name: string; first: boolean }> {
  const out = [];
  for (let account = 0; account < ACCOUNTS.length; account++) {
    for (let n = 0; n < 5; n++) {
      const product = (account * 2 + n) % DEMO_PRODUCTS.length;
      const quantity = 1 + ((account + n * 3) % 4);
      const stage = (account + n * 2) % 6;
      const [zh, en] = DEMO_PRODUCTS[product];
      out.push({ account, product, quantity, stage, closeMonth: (account * 5 + n * 7) % 12, name: `${zh} ×${quantity}（${en} ×${quantity}）`, first: n === 0 });
    }
  }
  return out;
}

export interface DemoActivity {
  account: number;
  kind: 'call' | 'meeting' | 'visit' | 'task' | 'note';
  subject: string;
  status: 'planned' | 'done';
  priority: 'low' | 'normal' | 'high';
  /** Days from the day the demo is loaded (negative: in the past), at 10:00 China time. */
  day: number;
  durationMinutes?: number;
  location?: string;
  outcome?: string;
  /** About the account's contact instead of the account itself. */
  aboutContact?: boolean;
}

/**
 * Five activities per demo account, dated around the day the demo is loaded so the diary and the to-dos always have
 * something for today: a note and a call from last week, an overdue follow-up task, a visit today and a meeting next
 * week.
 */
export function demoActivities(): DemoActivity[] {
  return ACCOUNTS.flatMap((account, index): DemoActivity[] => {
    const short = account.name.slice(0, 6);
    return [
      { account: index, kind: 'note', subject: `${short}：年度设备更新计划`, status: 'done', priority: 'normal', day: -8, outcome: '客户计划明年更新 3–5 台主力设备。' },
      { account: index, kind: 'call', subject: `致电${account.contact.name}：确认需求`, status: 'done', priority: 'normal', day: -5, durationMinutes: 20, outcome: '需求确认，等待技术参数。', aboutContact: true },
      { account: index, kind: 'task', subject: `${short}：发送技术参数与报价`, status: 'planned', priority: 'high', day: -1 },
      { account: index, kind: 'visit', subject: `拜访${short}：现场勘查`, status: 'planned', priority: index % 2 === 0 ? 'high' : 'normal', day: 0, durationMinutes: 90, location: account.region === 'North' ? '天津' : '华东现场' },
      { account: index, kind: 'meeting', subject: `${short}：方案评审会`, status: 'planned', priority: 'normal', day: 7, durationMinutes: 60, location: '线上会议 / Online' },
    ];
  });
}

/** The demo category tree: [key, parent key, Chinese, English]. */
export const DEMO_CATEGORIES: Array<[key: string, parent: string | null, name: string, nameEn: string]> = [
  ['EXC', null, '挖掘机', 'Excavators'],
  ['EXC-MINI', 'EXC', '小型挖掘机', 'Mini excavators'],
  ['EXC-MED', 'EXC', '中型挖掘机', 'Medium excavators'],
  ['EXC-LARGE', 'EXC', '大型挖掘机', 'Large excavators'],
  ['LDR', null, '装载机', 'Loaders'],
  ['LDR-WHEEL', 'LDR', '轮式装载机', 'Wheel loaders'],
  ['LDR-SKID', 'LDR', '滑移装载机', 'Skid-steer loaders'],
  ['CRN', null, '起重机', 'Cranes'],
  ['CRN-TRUCK', 'CRN', '汽车起重机', 'Truck cranes'],
  ['CRN-CRAWLER', 'CRN', '履带起重机', 'Crawler cranes'],
  ['PRT', null, '备品备件', 'Spare parts'],
  ['PRT-HYD', 'PRT', '液压件', 'Hydraulics'],
  ['PRT-ENG', 'PRT', '发动机件', 'Engine parts'],
  ['PRT-WEAR', 'PRT', '易损件', 'Wear parts'],
  ['SVC', null, '服务合同', 'Service contracts'],
];

/**
 * The demo catalogue: [code, category key, Chinese, English, unit, CNY list price, cost price, active]. USD prices are
 * the CNY price / 7.1 (rounded to whole dollars) where a product is sold abroad; tiers on spare parts and the small
 * machines. Deterministic, so tests can count on it.
 */
export const DEMO_CATALOGUE: Array<[code: string, category: string, name: string, nameEn: string, unit: string, price: string, cost: string, active: boolean]> = [
  ['XE35U', 'EXC-MINI', 'XE35U 小型挖掘机', 'XE35U mini excavator', '台', '238000.00', '181000.00', true],
  ['XE60DA', 'EXC-MINI', 'XE60DA 小型挖掘机', 'XE60DA mini excavator', '台', '329000.00', '252000.00', true],
  ['XE80D', 'EXC-MINI', 'XE80D 小型挖掘机', 'XE80D mini excavator', '台', '416000.00', '318000.00', true],
  ['XE155D', 'EXC-MED', 'XE155D 中型挖掘机', 'XE155D medium excavator', '台', '598000.00', '455000.00', true],
  ['XE215', 'EXC-MED', 'XE215 挖掘机', 'XE215 excavator', '台', '735000.00', '561000.00', true],
  ['XE245DK', 'EXC-MED', 'XE245DK 中型挖掘机', 'XE245DK medium excavator', '台', '868000.00', '662000.00', true],
  ['XE370', 'EXC-LARGE', 'XE370 挖掘机', 'XE370 excavator', '台', '1380000.00', '1046000.00', true],
  ['XE490DK', 'EXC-LARGE', 'XE490DK 大型挖掘机', 'XE490DK large excavator', '台', '2150000.00', '1640000.00', true],
  ['XE700D', 'EXC-LARGE', 'XE700D 矿用挖掘机', 'XE700D mining excavator', '台', '3980000.00', '3050000.00', true],
  ['XE200-OLD', 'EXC-MED', 'XE200 挖掘机（停产）', 'XE200 excavator (discontinued)', '台', '650000.00', '520000.00', false],
  ['ZL30', 'LDR-WHEEL', 'ZL30 装载机', 'ZL30 wheel loader', '台', '298000.00', '226000.00', true],
  ['ZL50', 'LDR-WHEEL', 'ZL50 装载机', 'ZL50 wheel loader', '台', '468000.50', '356000.00', true],
  ['LW500FV', 'LDR-WHEEL', 'LW500FV 轮式装载机', 'LW500FV wheel loader', '台', '512000.00', '389000.00', true],
  ['LW800KV', 'LDR-WHEEL', 'LW800KV 大型装载机', 'LW800KV large wheel loader', '台', '1260000.00', '958000.00', true],
  ['XC740K', 'LDR-SKID', 'XC740K 滑移装载机', 'XC740K skid-steer loader', '台', '215000.00', '162000.00', true],
  ['XC760K', 'LDR-SKID', 'XC760K 滑移装载机', 'XC760K skid-steer loader', '台', '248000.00', '187000.00', true],
  ['QY25', 'CRN-TRUCK', 'QY25 汽车起重机', 'QY25 truck crane', '台', '1125000.00', '862000.00', true],
  ['QY50KA', 'CRN-TRUCK', 'QY50KA 汽车起重机', 'QY50KA truck crane', '台', '1890000.00', '1452000.00', true],
  ['QY70K', 'CRN-TRUCK', 'QY70K 汽车起重机', 'QY70K truck crane', '台', '2680000.00', '2061000.00', true],
  ['XGC100', 'CRN-CRAWLER', 'XGC100 履带起重机', 'XGC100 crawler crane', '台', '4350000.00', '3350000.00', true],
  ['XGC260', 'CRN-CRAWLER', 'XGC260 履带起重机', 'XGC260 crawler crane', '台', '9800000.00', '7560000.00', true],
  ['HYD-KIT-01', 'PRT-HYD', '液压件备件包', 'Hydraulic spare parts kit', '套', '86500.75', '52000.00', true],
  ['HYD-PUMP-K3V', 'PRT-HYD', 'K3V 主液压泵', 'K3V main hydraulic pump', '件', '42800.00', '27500.00', true],
  ['HYD-CYL-BOOM', 'PRT-HYD', '动臂油缸', 'Boom cylinder', '件', '18600.00', '11200.00', true],
  ['HYD-SEAL-SET', 'PRT-HYD', '油缸密封组件', 'Cylinder seal set', '套', '1280.00', '620.00', true],
  ['HYD-HOSE-HP', 'PRT-HYD', '高压油管', 'High-pressure hose', '根', '460.00', '210.00', true],
  ['ENG-FILTER-OIL', 'PRT-ENG', '机油滤芯', 'Oil filter', '个', '168.00', '72.00', true],
  ['ENG-FILTER-AIR', 'PRT-ENG', '空气滤芯', 'Air filter', '个', '325.00', '148.00', true],
  ['ENG-FILTER-FUEL', 'PRT-ENG', '燃油滤芯', 'Fuel filter', '个', '210.00', '95.00', true],
  ['ENG-TURBO', 'PRT-ENG', '涡轮增压器', 'Turbocharger', '件', '12800.00', '7900.00', true],
  ['ENG-INJECTOR', 'PRT-ENG', '喷油器', 'Fuel injector', '件', '2350.00', '1320.00', true],
  ['WEAR-BUCKET-TOOTH', 'PRT-WEAR', '斗齿', 'Bucket tooth', '个', '285.00', '118.00', true],
  ['WEAR-CUTTING-EDGE', 'PRT-WEAR', '铲刀刃', 'Cutting edge', '件', '1650.00', '790.00', true],
  ['WEAR-TRACK-SHOE', 'PRT-WEAR', '履带板', 'Track shoe', '块', '720.00', '350.00', true],
  ['WEAR-TRACK-ROLLER', 'PRT-WEAR', '支重轮', 'Track roller', '个', '1980.00', '1010.00', true],
  ['SVC-BASIC-1Y', 'SVC', '一年基础保养合同', 'One-year basic maintenance contract', '份', '36000.00', '21000.00', true],
  ['SVC-FULL-3Y', 'SVC', '三年全保服务合同', 'Three-year full service contract', '份', '219999.99', '142000.00', true],
  ['SVC-REMOTE', 'SVC', '远程监控服务（年）', 'Remote monitoring service (yearly)', '份', '4800.00', '1900.00', true],
  ['SVC-OPERATOR-TRAINING', 'SVC', '操作手培训', 'Operator training', '次', '8800.00', '4200.00', true],
  ['SVC-EXTENDED-WARRANTY', 'SVC', '延保两年', 'Two-year extended warranty', '份', '58000.00', '31000.00', true],
];

/** Quantity tiers of the demo CNY list: code → [minQuantity, CNY price]; USD tiers follow at the same ratio. */
export const DEMO_TIERS: Record<string, Array<[number, string]>> = {
  XE35U: [[3, '228000.00'], [10, '219000.00']],
  XE60DA: [[3, '318000.00']],
  XC740K: [[5, '205000.00']],
  'HYD-SEAL-SET': [[10, '1180.00'], [50, '1090.00']],
  'ENG-FILTER-OIL': [[20, '152.00'], [100, '138.00']],
  'ENG-FILTER-AIR': [[20, '298.00']],
  'WEAR-BUCKET-TOOTH': [[20, '265.00'], [100, '242.00']],
  'WEAR-TRACK-SHOE': [[40, '668.00']],
};

/** Whole US dollars at 7.1 CNY to the dollar, for the demo USD list. */
/**
 * The demo's exchange rates: CNY per USD on the first of each month, from `months` months before `today`'s month
 * through it (the demo's purchase histories go five years back). ILLUSTRATIVE FIGURES, NOT MARKET DATA: a smooth
 * wave around 7.10 (the ratio the demo's USD list is priced at), the same for a given month whatever the load day.
 */
export function demoExchangeRates(today: string, months = 96): Array<{ currency: string; validFrom: string; rate: string }> {
  const [year, month] = today.split('-').map(Number);
  const last = year * 12 + (month - 1);
  return Array.from({ length: months + 1 }, (_, index) => {
    const m = last - months + index;
    const rate = 7.1 + 0.12 * Math.sin(m / 3) + 0.04 * Math.cos(m * 1.7);
    return { currency: 'USD', validFrom: `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}-01`, rate: rate.toFixed(4) };
  });
}

export function demoUsdPrice(cny: string): string {
  const cents = BigInt(cny.replace('.', ''));
  return `${(cents + 355n) / 710n}.00`;
}

export interface DemoLead {
  name: string;
  company: string;
  title: string;
  phone: string;
  email: string;
  source: 'manual' | 'import' | 'web' | 'event' | 'partner' | 'referral';
  status: 'new' | 'contacted' | 'qualified' | 'disqualified';
  disqualifiedReason: string | null;
  rating: 'hot' | 'warm' | 'cold' | null;
  region: string;
  industry: string;
  owner: string;
}

const LEAD_SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗'];
const LEAD_GIVEN = ['伟', '芳', '娜', '敏', '静', '磊', '强', '洋', '勇', '艳', '杰', '军', '涛', '明', '超', '霞', '平', '刚', '辉', '鹏'];
const LEAD_EN = ['James Wong', 'Emily Chen', 'Michael Lau', 'Sarah Lin', 'David Ho', 'Grace Tan', 'Kevin Liu', 'Anna Zhou', 'Peter Ma', 'Linda Xu'];
const LEAD_CITIES: Array<[string, string, string]> = [
  ['南京', 'Nanjing', 'East'], ['无锡', 'Wuxi', 'East'], ['合肥', 'Hefei', 'East'], ['温州', 'Wenzhou', 'East'], ['济南', 'Jinan', 'North'],
  ['石家庄', 'Shijiazhuang', 'North'], ['唐山', 'Tangshan', 'North'], ['大连', 'Dalian', 'North'], ['福州', 'Fuzhou', 'East'], ['太原', 'Taiyuan', 'North'],
];
const LEAD_TRADES: Array<[string, string, string]> = [
  ['路桥建设有限公司', 'Road & Bridge Co., Ltd.', 'construction'], ['矿业集团', 'Mining Group', 'mining'], ['港务物流有限公司', 'Port Logistics Ltd.', 'logistics'],
  ['设备租赁有限公司', 'Equipment Rental Co.', 'rental'], ['市政工程有限公司', 'Municipal Engineering Co.', 'infrastructure'], ['水利水电工程局', 'Hydropower Bureau', 'infrastructure'],
];
const LEAD_TITLES = ['采购经理', '设备主管', '总经理', '项目经理', 'Procurement Manager', '副总经理', '工程部长'];
const LEAD_OWNERS = ['rep.e1@lianxi.test', 'rep.e1b@lianxi.test', 'rep.e2@lianxi.test', 'rep.n1@lianxi.test', 'manager.east@lianxi.test', 'marketing@lianxi.test', 'partner@lianxi.test'];
const LEAD_SOURCES: DemoLead['source'][] = ['manual', 'import', 'web', 'event', 'partner', 'referral'];
const LEAD_STATUSES: DemoLead['status'][] = ['new', 'new', 'contacted', 'contacted', 'qualified', 'disqualified'];
const DISQUALIFIED_REASONS = ['预算不足', '已采购竞品', 'No project this year', '联系不上'];

/** 150 leads in Chinese and English across the demo owners, sources and statuses; deterministic like the rest. */
export function demoLeads(): DemoLead[] {
  const leads: DemoLead[] = [];
  for (let n = 0; n < 150; n++) {
    const english = n % 4 === 3;
    const [city, cityEn, region] = LEAD_CITIES[n % LEAD_CITIES.length];
    const [trade, tradeEn, industry] = LEAD_TRADES[(n * 7) % LEAD_TRADES.length];
    const status = LEAD_STATUSES[(n * 5) % LEAD_STATUSES.length];
    const name = english ? LEAD_EN[n % LEAD_EN.length] : `${LEAD_SURNAMES[n % LEAD_SURNAMES.length]}${LEAD_GIVEN[(n * 3) % LEAD_GIVEN.length]}`;
    leads.push({
      name,
      company: english ? `${cityEn} ${tradeEn}` : `${city}${['恒通', '华建', '鑫源', '东方', '宏达', '正泰', '中联'][n % 7]}${trade}`,
      title: LEAD_TITLES[n % LEAD_TITLES.length],
      phone: `13${String(100000000 + n * 7919).slice(0, 9)}`,
      email: `lead${n + 1}@${['example.cn', 'example.com', 'mail.example.cn'][n % 3]}`,
      source: LEAD_SOURCES[(n + Math.floor(n / 6)) % LEAD_SOURCES.length],
      status,
      disqualifiedReason: status === 'disqualified' ? DISQUALIFIED_REASONS[n % DISQUALIFIED_REASONS.length] : null,
      rating: (['hot', 'warm', 'cold', null] as const)[n % 4],
      region,
      industry,
      owner: LEAD_OWNERS[n % LEAD_OWNERS.length],
    });
  }
  return leads;
}

/** Where a demo order stands and, for open ones, how many days past its due date it is on the load day. */
export interface DemoOrder {
  account: number;
  status: 'ordered' | 'partly_paid' | 'paid' | 'shipped' | 'delivered' | 'confirmed' | 'cancelled';
  /** Days past the due date on the load day (negative: not yet due); the order date follows from the 30-day terms. */
  daysOverdue: number;
  /** [index into the product rows (by code), quantity, discount %] */
  lines: Array<[number, string, string]>;
}

/**
 * Three orders per demo account, every status among them, open ones spread over every ageing bucket (current,
 * 1–30, 31–60, 61–90, 90+ days overdue) relative to the load day. Deterministic, like the other demo data.
 */
export function demoOrders(): DemoOrder[] {
  const statuses: DemoOrder['status'][] = ['ordered', 'partly_paid', 'paid', 'shipped', 'delivered', 'confirmed', 'cancelled'];
  // The open orders in turn (the fifth is the restricted account's, seen by its owner only).
  const overdue = [-12, 15, 45, 75, 20, 120];
  let open = 0;
  const out: DemoOrder[] = [];
  for (let account = 0; account < ACCOUNTS.length; account++) {
    for (let n = 0; n < 3; n++) {
      const index = account * 3 + n;
      const status = statuses[index % statuses.length];
      const isOpen = status === 'ordered' || status === 'partly_paid';
      out.push({
        account,
        status,
        daysOverdue: isOpen ? overdue[open++ % overdue.length] : 40 + index * 3,
        lines: [[index % 8, String(1 + (index % 3)), ['0', '5', '12.5', '15'][index % 4]], ...(index % 2 === 0 ? [[8 + (index % 5), '4', '0'] as [number, string, string]] : [])],
      });
    }
  }
  return out;
}

export interface DemoQuote {
  account: number;
  /** [product index among the active products of the default CNY list (by code), quantity, discount %]. */
  lines: Array<[number, string, string]>;
  status: 'draft' | 'pending_approval' | 'approved' | 'rejected' | 'sent';
  /** Who had to decide (pending) or decided (approved, rejected) beyond the automatic approval. */
  approver?: 'manager.east@lianxi.test' | 'director@lianxi.test';
  comment?: string;
  /** Carries the account's owner-only and restricted flags (the first quote of each account, like opportunities). */
  first?: boolean;
}

/**
 * Fifteen quotes: a draft for each demo account (the first, with the account's flags), and quotes in the approval
 * states — one at 15 % awaiting manager.east, one at 25 % awaiting the director, approved ones (automatically within
 * 10 %, or by a manager), a rejected one and a sent one.
 */
export const DEMO_QUOTES: DemoQuote[] = [
  ...ACCOUNTS.map((_, account): DemoQuote => ({ account, lines: [[account % 6, '1', '5'], [(account + 7) % 12, '2', '0']], status: 'draft', first: true })),
  { account: 0, lines: [[0, '3', '15'], [8, '2', '5']], status: 'pending_approval', approver: 'manager.east@lianxi.test' },
  { account: 2, lines: [[2, '2', '25']], status: 'pending_approval', approver: 'director@lianxi.test' },
  { account: 1, lines: [[1, '1', '8'], [9, '4', '0']], status: 'approved' },
  { account: 3, lines: [[3, '2', '10']], status: 'approved' },
  { account: 0, lines: [[4, '1', '12']], status: 'approved', approver: 'manager.east@lianxi.test', comment: '老客户，同意 12% 折扣。' },
  { account: 3, lines: [[5, '5', '18']], status: 'rejected', approver: 'director@lianxi.test', comment: '折扣过高，请控制在 10% 以内。' },
  { account: 5, lines: [[6, '2', '5']], status: 'sent' },
  { account: 6, lines: [[7, '1', '0']], status: 'approved' },
];
