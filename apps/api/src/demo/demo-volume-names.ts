/**
 * Word lists and builders for the demo volume (demo-volume.ts): company and person names in Chinese and English,
 * phones, addresses and unified social credit codes that look like a machinery maker's real customers. Everything
 * draws from a seeded generator, so every fresh demo is the same.
 */

/** A small, fast, seeded pseudo-random generator (32-bit state): the same seed gives the same demo. */
export class DemoRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  /** One of the values, each as likely as its weight. */
  weighted<T>(choices: ReadonlyArray<readonly [T, number]>): T {
    const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = this.next() * total;
    for (const [value, weight] of choices) {
      roll -= weight;
      if (roll < 0) return value;
    }
    return choices[choices.length - 1][0];
  }

  digits(count: number): string {
    let out = '';
    for (let i = 0; i < count; i++) out += String(this.int(0, 9));
    return out;
  }
}

export interface DemoCity {
  name: string;
  pinyin: string;
  province: string;
  /** Administrative division code (the 3rd–8th characters of a credit code). */
  adminCode: string;
  postalCode: string;
  areaCode: string;
  region: 'East' | 'North';
}

/** Cities of the two sales regions (华东, 华北 with the North-East and Inner Mongolia's mining towns). */
export const CITIES: DemoCity[] = [
  { name: '上海', pinyin: 'shanghai', province: '上海市', adminCode: '310115', postalCode: '200120', areaCode: '021', region: 'East' },
  { name: '南京', pinyin: 'nanjing', province: '江苏省', adminCode: '320115', postalCode: '211100', areaCode: '025', region: 'East' },
  { name: '无锡', pinyin: 'wuxi', province: '江苏省', adminCode: '320214', postalCode: '214028', areaCode: '0510', region: 'East' },
  { name: '徐州', pinyin: 'xuzhou', province: '江苏省', adminCode: '320303', postalCode: '221004', areaCode: '0516', region: 'East' },
  { name: '常州', pinyin: 'changzhou', province: '江苏省', adminCode: '320411', postalCode: '213022', areaCode: '0519', region: 'East' },
  { name: '苏州', pinyin: 'suzhou', province: '江苏省', adminCode: '320505', postalCode: '215011', areaCode: '0512', region: 'East' },
  { name: '南通', pinyin: 'nantong', province: '江苏省', adminCode: '320612', postalCode: '226300', areaCode: '0513', region: 'East' },
  { name: '杭州', pinyin: 'hangzhou', province: '浙江省', adminCode: '330110', postalCode: '311100', areaCode: '0571', region: 'East' },
  { name: '宁波', pinyin: 'ningbo', province: '浙江省', adminCode: '330206', postalCode: '315800', areaCode: '0574', region: 'East' },
  { name: '温州', pinyin: 'wenzhou', province: '浙江省', adminCode: '330304', postalCode: '325000', areaCode: '0577', region: 'East' },
  { name: '绍兴', pinyin: 'shaoxing', province: '浙江省', adminCode: '330602', postalCode: '312000', areaCode: '0575', region: 'East' },
  { name: '合肥', pinyin: 'hefei', province: '安徽省', adminCode: '340104', postalCode: '230031', areaCode: '0551', region: 'East' },
  { name: '芜湖', pinyin: 'wuhu', province: '安徽省', adminCode: '340207', postalCode: '241000', areaCode: '0553', region: 'East' },
  { name: '福州', pinyin: 'fuzhou', province: '福建省', adminCode: '350105', postalCode: '350015', areaCode: '0591', region: 'East' },
  { name: '厦门', pinyin: 'xiamen', province: '福建省', adminCode: '350206', postalCode: '361006', areaCode: '0592', region: 'East' },
  { name: '南昌', pinyin: 'nanchang', province: '江西省', adminCode: '360111', postalCode: '330029', areaCode: '0791', region: 'East' },
  { name: '北京', pinyin: 'beijing', province: '北京市', adminCode: '110115', postalCode: '100176', areaCode: '010', region: 'North' },
  { name: '天津', pinyin: 'tianjin', province: '天津市', adminCode: '120116', postalCode: '300457', areaCode: '022', region: 'North' },
  { name: '石家庄', pinyin: 'shijiazhuang', province: '河北省', adminCode: '130108', postalCode: '050035', areaCode: '0311', region: 'North' },
  { name: '唐山', pinyin: 'tangshan', province: '河北省', adminCode: '130203', postalCode: '063000', areaCode: '0315', region: 'North' },
  { name: '保定', pinyin: 'baoding', province: '河北省', adminCode: '130602', postalCode: '071051', areaCode: '0312', region: 'North' },
  { name: '太原', pinyin: 'taiyuan', province: '山西省', adminCode: '140106', postalCode: '030006', areaCode: '0351', region: 'North' },
  { name: '大同', pinyin: 'datong', province: '山西省', adminCode: '140213', postalCode: '037006', areaCode: '0352', region: 'North' },
  { name: '呼和浩特', pinyin: 'huhehaote', province: '内蒙古自治区', adminCode: '150105', postalCode: '010010', areaCode: '0471', region: 'North' },
  { name: '包头', pinyin: 'baotou', province: '内蒙古自治区', adminCode: '150203', postalCode: '014010', areaCode: '0472', region: 'North' },
  { name: '鄂尔多斯', pinyin: 'eerduosi', province: '内蒙古自治区', adminCode: '150602', postalCode: '017000', areaCode: '0477', region: 'North' },
  { name: '济南', pinyin: 'jinan', province: '山东省', adminCode: '370112', postalCode: '250101', areaCode: '0531', region: 'North' },
  { name: '青岛', pinyin: 'qingdao', province: '山东省', adminCode: '370211', postalCode: '266555', areaCode: '0532', region: 'North' },
  { name: '烟台', pinyin: 'yantai', province: '山东省', adminCode: '370613', postalCode: '264006', areaCode: '0535', region: 'North' },
  { name: '沈阳', pinyin: 'shenyang', province: '辽宁省', adminCode: '210106', postalCode: '110141', areaCode: '024', region: 'North' },
  { name: '大连', pinyin: 'dalian', province: '辽宁省', adminCode: '210213', postalCode: '116600', areaCode: '0411', region: 'North' },
];

export interface DemoForeignCity {
  name: string;
  country: string;
  /** International dialling prefix with the city's area code. */
  dial: string;
  domain: string;
}

/** Export customers (the Belt-and-Road markets a Chinese machinery maker sells to). */
export const FOREIGN_CITIES: DemoForeignCity[] = [
  { name: 'Jakarta', country: 'Indonesia', dial: '+62 21', domain: 'example.co.id' },
  { name: 'Surabaya', country: 'Indonesia', dial: '+62 31', domain: 'example.co.id' },
  { name: 'Ho Chi Minh City', country: 'Vietnam', dial: '+84 28', domain: 'example.vn' },
  { name: 'Hanoi', country: 'Vietnam', dial: '+84 24', domain: 'example.vn' },
  { name: 'Karachi', country: 'Pakistan', dial: '+92 21', domain: 'example.pk' },
  { name: 'Almaty', country: 'Kazakhstan', dial: '+7 727', domain: 'example.kz' },
  { name: 'Tashkent', country: 'Uzbekistan', dial: '+998 71', domain: 'example.uz' },
  { name: 'Dubai', country: 'United Arab Emirates', dial: '+971 4', domain: 'example.ae' },
  { name: 'Riyadh', country: 'Saudi Arabia', dial: '+966 11', domain: 'example.sa' },
  { name: 'Lagos', country: 'Nigeria', dial: '+234 1', domain: 'example.ng' },
  { name: 'Nairobi', country: 'Kenya', dial: '+254 20', domain: 'example.co.ke' },
  { name: 'Perth', country: 'Australia', dial: '+61 8', domain: 'example.com.au' },
  { name: 'Santiago', country: 'Chile', dial: '+56 2', domain: 'example.cl' },
  { name: 'Lima', country: 'Peru', dial: '+51 1', domain: 'example.pe' },
  { name: 'Manila', country: 'Philippines', dial: '+63 2', domain: 'example.ph' },
  { name: 'Bangkok', country: 'Thailand', dial: '+66 2', domain: 'example.co.th' },
  { name: 'Kuala Lumpur', country: 'Malaysia', dial: '+60 3', domain: 'example.com.my' },
  { name: 'Ulaanbaatar', country: 'Mongolia', dial: '+976 11', domain: 'example.mn' },
];

/** Trade-name words [Chinese, pinyin for the mail domain]; none of them a real machinery brand. */
export const BRANDS: Array<[string, string]> = [
  ['恒达', 'hengda'], ['远航', 'yuanhang'], ['鑫源', 'xinyuan'], ['宏达', 'hongda'], ['华建', 'huajian'], ['正元', 'zhengyuan'],
  ['东方', 'dongfang'], ['金石', 'jinshi'], ['长兴', 'changxing'], ['海川', 'haichuan'], ['天成', 'tiancheng'], ['瑞丰', 'ruifeng'],
  ['永盛', 'yongsheng'], ['嘉禾', 'jiahe'], ['振宇', 'zhenyu'], ['广厦', 'guangsha'], ['通力', 'tongli'], ['腾达', 'tengda'],
  ['新宇', 'xinyu'], ['博远', 'boyuan'], ['锦程', 'jincheng'], ['泰岳', 'taiyue'], ['汇通', 'huitong'], ['鼎盛', 'dingsheng'],
  ['隆泰', 'longtai'], ['北方', 'beifang'], ['安泰', 'antai'], ['信诚', 'xincheng'], ['恒基', 'hengji'], ['方圆', 'fangyuan'],
  ['中恒', 'zhongheng'], ['华宇', 'huayu'], ['盛世', 'shengshi'], ['兴业', 'xingye'], ['晟通', 'shengtong'], ['坤元', 'kunyuan'],
];

export interface DemoTrade {
  zh: string;
  en: string;
  /** The account's industry key, as the hand-written demo uses them. */
  industry: 'construction' | 'mining' | 'rental' | 'infrastructure' | 'logistics' | 'agriculture';
}

export const TRADES: DemoTrade[] = [
  { zh: '路桥工程', en: 'Road & Bridge Engineering', industry: 'construction' },
  { zh: '建设集团', en: 'Construction Group', industry: 'construction' },
  { zh: '土石方工程', en: 'Earthworks', industry: 'construction' },
  { zh: '建筑安装工程', en: 'Building & Installation', industry: 'construction' },
  { zh: '矿业', en: 'Mining', industry: 'mining' },
  { zh: '煤业', en: 'Coal', industry: 'mining' },
  { zh: '砂石骨料', en: 'Aggregates & Quarrying', industry: 'mining' },
  { zh: '工程机械租赁', en: 'Machinery Rental', industry: 'rental' },
  { zh: '设备租赁', en: 'Equipment Hire', industry: 'rental' },
  { zh: '市政工程', en: 'Municipal Works', industry: 'infrastructure' },
  { zh: '水利水电工程', en: 'Water & Hydropower', industry: 'infrastructure' },
  { zh: '港口物流', en: 'Port Logistics', industry: 'logistics' },
  { zh: '港务', en: 'Port Services', industry: 'logistics' },
  { zh: '农机服务', en: 'Agricultural Machinery Services', industry: 'agriculture' },
  { zh: '农业发展', en: 'Agri Development', industry: 'agriculture' },
];

export const ZH_SUFFIXES = ['有限公司', '有限公司', '有限责任公司', '股份有限公司', '集团有限公司'];
export const EN_WORDS = ['Pacific', 'Summit', 'Horizon', 'Golden Bridge', 'Evergreen', 'Ironwood', 'Silk Road', 'Meridian', 'Crescent', 'Atlas', 'Northstar', 'Blue River', 'Redstone', 'Sunrise', 'Highland', 'Coastal'];
export const EN_SUFFIXES = ['Co., Ltd.', 'Ltd.', 'Pte. Ltd.', 'LLC', 'Group', 'Holdings', 'S.A.'];

/** Surnames and given-name characters with their pinyin (for mail addresses). */
export const SURNAMES: Array<[string, string]> = [
  ['王', 'wang'], ['李', 'li'], ['张', 'zhang'], ['刘', 'liu'], ['陈', 'chen'], ['杨', 'yang'], ['黄', 'huang'], ['赵', 'zhao'], ['吴', 'wu'], ['周', 'zhou'],
  ['徐', 'xu'], ['孙', 'sun'], ['马', 'ma'], ['朱', 'zhu'], ['胡', 'hu'], ['郭', 'guo'], ['何', 'he'], ['高', 'gao'], ['林', 'lin'], ['罗', 'luo'],
  ['郑', 'zheng'], ['梁', 'liang'], ['谢', 'xie'], ['宋', 'song'], ['唐', 'tang'], ['韩', 'han'], ['冯', 'feng'], ['邓', 'deng'], ['曹', 'cao'], ['彭', 'peng'],
  ['曾', 'zeng'], ['肖', 'xiao'], ['田', 'tian'], ['董', 'dong'], ['潘', 'pan'], ['袁', 'yuan'], ['蒋', 'jiang'], ['蔡', 'cai'], ['余', 'yu'], ['杜', 'du'],
];
export const GIVEN: Array<[string, string]> = [
  ['伟', 'wei'], ['芳', 'fang'], ['娜', 'na'], ['敏', 'min'], ['静', 'jing'], ['磊', 'lei'], ['强', 'qiang'], ['洋', 'yang'], ['勇', 'yong'], ['艳', 'yan'],
  ['杰', 'jie'], ['军', 'jun'], ['涛', 'tao'], ['明', 'ming'], ['超', 'chao'], ['霞', 'xia'], ['平', 'ping'], ['刚', 'gang'], ['辉', 'hui'], ['鹏', 'peng'],
  ['华', 'hua'], ['建', 'jian'], ['国', 'guo'], ['峰', 'feng'], ['红', 'hong'], ['丽', 'li'], ['斌', 'bin'], ['波', 'bo'], ['宇', 'yu'], ['浩', 'hao'],
  ['凯', 'kai'], ['俊', 'jun'], ['帆', 'fan'], ['亮', 'liang'], ['欣', 'xin'], ['雪', 'xue'], ['琳', 'lin'], ['婷', 'ting'], ['晨', 'chen'], ['志', 'zhi'],
  ['海', 'hai'], ['东', 'dong'], ['文', 'wen'], ['新', 'xin'], ['春', 'chun'], ['永', 'yong'], ['德', 'de'], ['兵', 'bing'], ['龙', 'long'], ['玉', 'yu'],
];
export const EN_FIRST = ['James', 'Maria', 'Ahmed', 'Olga', 'Carlos', 'Priya', 'Budi', 'Siti', 'John', 'Fatima', 'Daniel', 'Aisha', 'Pedro', 'Anna', 'Omar', 'Linh', 'Rahul', 'Sofia', 'Ivan', 'Grace'];
export const EN_LAST = ['Santos', 'Rahman', 'Wijaya', 'Nguyen', 'Hassan', 'Silva', 'Kumar', 'Petrov', 'Garcia', 'Tan', 'Lim', 'Okafor', 'Mwangi', 'Smith', 'Brown', 'Ali', 'Fernandez', 'Ortiz', 'Kowalski', 'Lopez'];

/** [department, title] of a customer's contact people, in Chinese and English. */
export const ZH_ROLES: Array<[string, string]> = [
  ['采购部', '采购经理'], ['采购部', '采购专员'], ['设备部', '设备主管'], ['设备部', '设备部长'], ['总经理办公室', '总经理'], ['总经理办公室', '副总经理'],
  ['工程部', '项目经理'], ['工程部', '总工程师'], ['财务部', '财务总监'], ['租赁事业部', '租赁部经理'], ['安全生产部', '安全主管'],
];
export const EN_ROLES: Array<[string, string]> = [
  ['Procurement', 'Procurement Manager'], ['Operations', 'Operations Director'], ['Management', 'Managing Director'], ['Engineering', 'Chief Engineer'],
  ['Fleet', 'Fleet Manager'], ['Finance', 'Finance Manager'],
];

const ROADS = ['建设', '人民', '解放', '工业', '长江', '黄河', '华山', '泰山', '迎宾', '创业', '科技', '新华', '发展', '滨海', '港城'];
const DISTRICTS = ['经济技术开发区', '高新技术产业开发区', '工业园区', '新区', '港区'];

export function chinesePerson(random: DemoRandom): { name: string; pinyin: string } {
  const [surname, surnamePinyin] = random.pick(SURNAMES);
  const given = [random.pick(GIVEN)];
  if (random.chance(0.6)) given.push(random.pick(GIVEN));
  return { name: surname + given.map(([c]) => c).join(''), pinyin: `${given.map(([, p]) => p).join('')}.${surnamePinyin}` };
}

export function englishPerson(random: DemoRandom): { name: string; pinyin: string } {
  const first = random.pick(EN_FIRST);
  const last = random.pick(EN_LAST);
  return { name: `${first} ${last}`, pinyin: `${first}.${last}`.toLowerCase() };
}

/** A Chinese mobile number: 1, a carrier's second and third digit, eight more digits. */
export function mobile(random: DemoRandom): string {
  return `1${random.pick(['35', '36', '37', '38', '39', '50', '51', '52', '58', '59', '86', '87', '88', '89', '77', '80', '81', '33', '53', '99'])}${random.digits(8)}`;
}

export function landline(random: DemoRandom, city: DemoCity): string {
  return `${city.areaCode}-${random.int(2, 8)}${random.digits(city.areaCode.length === 3 ? 7 : 6)}`;
}

export function chineseAddress(random: DemoRandom, city: DemoCity): Record<string, string> {
  return {
    country: '中国',
    province: city.province,
    city: city.name.endsWith('市') ? city.name : `${city.name}市`,
    district: random.pick(DISTRICTS),
    street: `${random.pick(ROADS)}路${random.int(1, 999)}号`,
    postalCode: city.postalCode,
  };
}

export function foreignAddress(random: DemoRandom, city: DemoForeignCity): Record<string, string> {
  return {
    country: city.country,
    province: '',
    city: city.name,
    district: '',
    street: `${random.int(1, 400)} ${random.pick(['Industrial Road', 'Harbour Street', 'Main Avenue', 'Free Zone Drive', 'Ring Road'])}`,
    postalCode: random.digits(5),
  };
}

const CREDIT_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** A unified social credit code (GB 32100-2015) of a company registered in the city, with its check character. */
export function creditCode(random: DemoRandom, city: DemoCity): string {
  let body = `91${city.adminCode}`;
  // The organisation code: eight characters and its own check digit (any character of the set passes the API's check).
  for (let i = 0; i < 9; i++) body += CREDIT_CHARS[random.int(0, i < 8 ? 30 : 9)];
  const sum = CREDIT_WEIGHTS.reduce((total, weight, i) => total + CREDIT_CHARS.indexOf(body[i]) * weight, 0);
  return body + CREDIT_CHARS[(31 - (sum % 31)) % 31];
}
