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
