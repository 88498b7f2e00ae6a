// The enterprise service catalogue of the demo: 4 categories, 17 subcategories and 96
// items (清单: government errands, activities, meals, third-party suppliers; basic and
// value-added), each with the materials to bring, the offices its errand runs through and
// its limit in working days; and those offices. The centre, the tax co-governance point,
// the 静心帮办 point, the talent service station and 凯迪克大厦白领餐厅 are named in the
// source; other offices marked illustrative stand for the kind of office involved.

export interface DemoOffice {
  code: string;
  name: string;
  nameEn: string;
  kind: 'centre' | 'subdistrict' | 'district' | 'city' | 'bank' | 'supplier';
  department?: string;
  address?: string;
  phone?: string;
  illustrative?: boolean;
}

export const OFFICES: DemoOffice[] = [
  { code: 'QF', name: '企业服务中心（慈溪路211号）', nameEn: 'Enterprise service centre', kind: 'centre', department: 'QF', address: '慈溪路211号', phone: '021-6253 0008' },
  { code: 'TAX-POINT', name: '区税务局石门二路街道社会共治点', nameEn: 'Tax co-governance point', kind: 'centre', address: '慈溪路211号', phone: '021-6253 0018' },
  { code: 'HELP', name: '“静心帮办”服务点', nameEn: 'Jingxin help desk', kind: 'centre', address: '慈溪路211号', phone: '021-6253 0028' },
  { code: 'TALENT', name: '静安区人才服务站（石门二路站点）', nameEn: 'District talent service station', kind: 'centre', address: '慈溪路211号', phone: '021-6253 0038' },
  { code: 'SJ', name: '市场监督管理所', nameEn: 'Market regulation office', kind: 'subdistrict', department: 'SJ', phone: '021-6253 0003' },
  { code: 'FG', name: '房屋管理办事处', nameEn: 'Housing office', kind: 'subdistrict', department: 'FG', phone: '021-6253 0004' },
  { code: 'XF', name: '消防救援站', nameEn: 'Fire and rescue station', kind: 'subdistrict', department: 'XF', phone: '021-6253 0007' },
  { code: 'LH', name: '绿化市容管理所', nameEn: 'Greening and city appearance office', kind: 'subdistrict', department: 'LH', phone: '021-6253 0006' },
  { code: 'TAX', name: '区税务局办税服务厅', nameEn: 'District tax bureau service hall', kind: 'district', illustrative: true },
  { code: 'ADMIN', name: '区行政服务中心', nameEn: 'District administrative service centre', kind: 'district', illustrative: true },
  { code: 'SI', name: '区社会保险事业管理中心', nameEn: 'District social insurance centre', kind: 'district', illustrative: true },
  { code: 'HF', name: '市公积金管理中心（区分中心）', nameEn: 'Housing provident fund centre', kind: 'city', illustrative: true },
  { code: 'HR', name: '区就业促进中心', nameEn: 'District employment promotion centre', kind: 'district', illustrative: true },
  { code: 'SEAL', name: '公章刻制备案点', nameEn: 'Seal engraving and filing point', kind: 'district', illustrative: true },
  { code: 'COMM', name: '区商务委员会', nameEn: 'District commerce commission', kind: 'district', illustrative: true },
  { code: 'SCI', name: '区科学技术委员会', nameEn: 'District science and technology commission', kind: 'district', illustrative: true },
  { code: 'IP', name: '区知识产权服务站', nameEn: 'District IP service station', kind: 'district', illustrative: true },
  { code: 'BANK', name: '合作银行网点（示例）', nameEn: 'Partner bank branch', kind: 'bank', illustrative: true },
  { code: 'CANTEEN', name: '凯迪克大厦白领餐厅', nameEn: 'Kaidike Building staff canteen', kind: 'supplier', address: '江宁路212号' },
  { code: 'SUP-CATER', name: '团餐服务商（示例）', nameEn: 'Catering supplier', kind: 'supplier', illustrative: true },
  { code: 'SUP-FIN', name: '财税服务机构（示例）', nameEn: 'Accounting firm', kind: 'supplier', illustrative: true },
  { code: 'SUP-LAW', name: '合作律师事务所（示例）', nameEn: 'Partner law firm', kind: 'supplier', illustrative: true },
  { code: 'SUP-HR', name: '人力资源服务机构（示例）', nameEn: 'HR services firm', kind: 'supplier', illustrative: true },
  { code: 'SUP-IT', name: '办公IT服务商（示例）', nameEn: 'Office IT provider', kind: 'supplier', illustrative: true },
  { code: 'SUP-PRINT', name: '印务会务服务商（示例）', nameEn: 'Printing and events supplier', kind: 'supplier', illustrative: true },
  { code: 'SUP-FIT', name: '装修与办公家具服务商（示例）', nameEn: 'Fit-out and furniture supplier', kind: 'supplier', illustrative: true },
];

// materials used by many items
const ID = '经办人身份证原件';
const LIC = '营业执照副本（原件）';
const AUTH = '授权委托书（加盖公章）';
const SEALED = '加盖公章的申请表';
const BASIC = [LIC, ID, AUTH];

/** [code, name, English name, level, limit in working days, materials, steps [office, task], price note?] */
export type ItemRow = [string, string, string, 'b' | 'v', number, string[], [string, string][], string?];

export interface DemoSubcategory {
  code: string;
  name: string;
  nameEn: string;
  items: ItemRow[];
}
export interface DemoCategory {
  code: string;
  name: string;
  nameEn: string;
  subcategories: DemoSubcategory[];
}

export const CATALOGUE: DemoCategory[] = [
  {
    code: 'A',
    name: '政务代办',
    nameEn: 'Government errands',
    subcategories: [
      {
        code: 'A1',
        name: '企业开办',
        nameEn: 'Starting a business',
        items: [
          ['A1-01', '企业名称自主申报', 'Company name declaration', 'b', 2, [ID, '拟用名称（备选3个）', '投资人身份证明'], [['QF', '协助网上申报名称'], ['SJ', '名称核准']]],
          ['A1-02', '设立登记（营业执照办理）', 'Registration and business licence', 'b', 5, ['公司登记（备案）申请书', '公司章程', '股东主体资格证明', '法定代表人、董事、监事和经理的任职文件及身份证明', '住所使用证明（租赁合同及产权证明）', ID], [['QF', '收件预审，一次性告知'], ['SJ', '核发营业执照'], ['QF', '营业执照送达企业']]],
          ['A1-03', '公章刻制与备案', 'Seal engraving and filing', 'b', 2, [LIC, '法定代表人身份证复印件', ID], [['SEAL', '刻制公章、财务章、发票章并备案']]],
          ['A1-04', '银行基本户开立', 'Basic bank account', 'b', 3, [LIC, '公章、财务章、法人章', '法定代表人身份证原件', ID], [['QF', '预约银行网点'], ['BANK', '开立基本存款账户']]],
          ['A1-05', '新办纳税人套餐（税务登记与税种核定）', 'New taxpayer package', 'b', 3, [LIC, '银行开户许可或基本存款账户信息', '财务负责人与办税人员身份证', '经营场所租赁合同'], [['TAX-POINT', '填报新办纳税人信息'], ['TAX', '税种核定与税务登记']]],
          ['A1-06', '社保及公积金单位开户', 'Social insurance and provident fund accounts', 'b', 5, [LIC, '银行开户信息', '公章', ID], [['SI', '社保单位登记'], ['HF', '公积金单位缴存登记']]],
          ['A1-07', '首次发票申领', 'First invoice application', 'b', 3, [LIC, '发票专用章', '税控设备或数电发票开通信息', ID], [['TAX', '发票票种核定与领用']]],
          ['A1-08', '企业开办全程代办（一网通办）', 'Full start-up errand (one-stop)', 'v', 10, ['公司登记（备案）申请书', '公司章程', '股东主体资格证明', '法定代表人身份证原件', '住所使用证明', '银行开户所需资料', AUTH], [['QF', '收件预审，一次性告知'], ['SJ', '核发营业执照'], ['SEAL', '刻制印章并备案'], ['BANK', '开立基本存款账户'], ['TAX', '新办纳税人税务登记'], ['SI', '社保单位登记'], ['QF', '证照送达企业']]],
          ['A1-09', '外商投资企业设立登记', 'Foreign-invested enterprise registration', 'b', 10, ['外商投资企业设立登记申请书', '公司章程（中外文）', '投资者主体资格证明（经公证认证）', '法定代表人任职文件', '住所使用证明'], [['QF', '收件预审'], ['COMM', '外商投资信息报告'], ['SJ', '核发营业执照']]],
        ],
      },
      {
        code: 'A2',
        name: '变更与注销',
        nameEn: 'Changes and closure',
        items: [
          ['A2-01', '名称变更登记', 'Change of name', 'b', 5, [...BASIC, '股东会决议', '章程修正案'], [['SJ', '名称变更登记']]],
          ['A2-02', '住所迁入变更登记', 'Moving into the subdistrict', 'b', 7, [...BASIC, '新住所使用证明', '股东会决议', '章程修正案'], [['SJ', '住所变更登记'], ['TAX', '税务信息变更']]],
          ['A2-03', '法定代表人变更', 'Change of legal representative', 'b', 5, [...BASIC, '股东会决议', '新任法定代表人身份证明及任职文件'], [['SJ', '法定代表人变更登记']]],
          ['A2-04', '注册资本变更', 'Change of registered capital', 'b', 5, [...BASIC, '股东会决议', '章程修正案', '减资公告证明（减资时）'], [['SJ', '注册资本变更登记']]],
          ['A2-05', '经营范围变更', 'Change of business scope', 'b', 5, [...BASIC, '股东会决议', '章程修正案'], [['SJ', '经营范围变更登记']]],
          ['A2-06', '股权转让变更', 'Transfer of equity', 'b', 7, [...BASIC, '股权转让协议', '股东会决议', '个人所得税完税证明'], [['TAX', '股权转让个税申报'], ['SJ', '股东变更登记']]],
          ['A2-07', '企业简易注销', 'Simplified deregistration', 'b', 20, [LIC, '简易注销全体投资人承诺书', ID, '清税证明'], [['TAX', '清税'], ['SJ', '简易注销公示与登记']]],
          ['A2-08', '税务注销（清税证明）', 'Tax deregistration', 'b', 10, [LIC, '注销税务登记申请表', '发票缴销情况', ID], [['TAX', '清缴税款、缴销发票并出具清税证明']]],
        ],
      },
      {
        code: 'A3',
        name: '税务服务',
        nameEn: 'Tax services',
        items: [
          ['A3-01', '纳税申报辅导', 'Tax filing guidance', 'b', 3, ['电子税务局账号', '当期财务报表'], [['TAX-POINT', '一对一申报辅导']]],
          ['A3-02', '增值税一般纳税人登记', 'General VAT taxpayer registration', 'b', 3, [LIC, '增值税一般纳税人登记表', ID], [['TAX', '一般纳税人资格登记']]],
          ['A3-03', '跨区迁移税务事项', 'Tax matters of moving districts', 'b', 10, [LIC, '迁移申请', '清税情况说明', ID], [['TAX', '迁出地清税'], ['TAX', '迁入地信息确认']]],
          ['A3-04', '出口退（免）税备案', 'Export tax refund filing', 'b', 10, [LIC, '对外贸易经营者备案登记表', '海关报关单位注册信息', ID], [['TAX', '出口退税备案']]],
          ['A3-05', '税收优惠政策咨询与备案', 'Tax incentives advice and filing', 'b', 5, ['企业情况说明', '相关资质证明', '近一年财务报表'], [['TAX-POINT', '政策匹配与咨询'], ['TAX', '优惠备案']]],
          ['A3-06', '涉税争议调解', 'Tax dispute mediation', 'b', 10, ['争议事项说明', '相关票据与合同'], [['TAX-POINT', '社会共治点调解']]],
          ['A3-07', '电子税务局操作辅导', 'E-tax bureau walkthrough', 'b', 2, ['电子税务局账号', '办税人员手机'], [['TAX-POINT', '现场演示与操作辅导']]],
        ],
      },
      {
        code: 'A4',
        name: '社保与公积金',
        nameEn: 'Social insurance and provident fund',
        items: [
          ['A4-01', '员工参保登记与增减员', 'Employee insurance enrolment', 'b', 3, ['员工身份证复印件', '劳动合同', '单位社保账号'], [['SI', '参保登记与增减员']]],
          ['A4-02', '社保缴费基数申报', 'Social insurance base declaration', 'b', 5, ['上年度职工工资总额', '单位社保账号'], [['SI', '缴费基数申报']]],
          ['A4-03', '公积金缴存基数调整', 'Provident fund base adjustment', 'b', 5, ['职工工资明细', '单位公积金账号', '公章'], [['HF', '缴存基数调整']]],
          ['A4-04', '员工退休申报', 'Employee retirement filing', 'b', 15, ['员工身份证', '档案材料', '退休申请表'], [['SI', '退休审核与待遇核定']]],
          ['A4-05', '工伤认定申请代办', 'Work injury recognition', 'b', 20, ['工伤认定申请表', '劳动关系证明', '医疗诊断证明', '事故经过说明'], [['HR', '受理工伤认定申请'], ['SI', '工伤待遇核定']]],
          ['A4-06', '稳岗补贴申领', 'Job stabilisation subsidy', 'b', 15, ['单位银行账户信息', '参保人数证明', SEALED], [['HR', '补贴审核与拨付']]],
          ['A4-07', '灵活就业人员社保咨询', 'Social insurance for flexible workers', 'b', 3, ['本人身份证'], [['SI', '政策咨询与办理指引']]],
        ],
      },
      {
        code: 'A5',
        name: '人才服务',
        nameEn: 'Talent services',
        items: [
          ['A5-01', '人才引进落户咨询', 'Talent hukou advice', 'b', 5, ['本人身份证', '学历学位证书', '劳动合同'], [['TALENT', '政策咨询与条件评估']]],
          ['A5-02', '应届毕业生落户申请代办', 'Graduate hukou application', 'v', 20, ['毕业生就业推荐表', '学历学位证书', '劳动合同', '单位营业执照复印件'], [['TALENT', '材料预审'], ['HR', '落户申请受理']]],
          ['A5-03', '上海市居住证积分办理', 'Residence permit points', 'b', 15, ['居住证', '学历证明', '社保缴费记录', '个税记录'], [['TALENT', '积分申请预审'], ['ADMIN', '积分受理']]],
          ['A5-04', '人才公寓申请', 'Talent apartment application', 'b', 15, ['申请表', '劳动合同', '社保缴纳证明', '无房证明'], [['TALENT', '资格初审'], ['FG', '房源配租']]],
          ['A5-05', '外国人来华工作许可', 'Work permit for foreigners', 'v', 20, ['工作许可申请表', '护照', '学历及工作经历证明', '无犯罪记录证明', '体检证明'], [['TALENT', '材料预审'], ['ADMIN', '工作许可受理']]],
          ['A5-06', '就业见习基地申报', 'Internship base application', 'b', 15, ['见习基地申报表', LIC, '见习岗位计划'], [['HR', '见习基地认定']]],
          ['A5-07', '职称评审材料预审', 'Professional title review', 'b', 10, ['职称申报表', '业绩证明材料', '继续教育证明'], [['TALENT', '材料预审与指导']]],
        ],
      },
      {
        code: 'A6',
        name: '许可与备案',
        nameEn: 'Licences and filings',
        items: [
          ['A6-01', '食品经营许可', 'Food business licence', 'b', 10, ['食品经营许可申请书', LIC, '经营场所平面图', '食品安全管理制度', '食品安全管理人员证明'], [['QF', '现场指导与预审'], ['SJ', '现场核查与发证']]],
          ['A6-02', '公众聚集场所投入使用前消防安全检查', 'Fire safety inspection', 'b', 10, ['消防安全检查申报表', '场所平面图', '消防设施检测报告', '消防安全制度'], [['XF', '现场检查与许可']]],
          ['A6-03', '户外招牌设置申请', 'Shop sign permit', 'b', 10, ['招牌设置申请表', '招牌效果图', '房屋产权或租赁证明', LIC], [['LH', '招牌设置审核']]],
          ['A6-04', '人力资源服务许可', 'HR services licence', 'b', 20, ['人力资源服务许可申请表', LIC, '专职工作人员资格证明', '场所证明'], [['HR', '许可审核']]],
          ['A6-05', '营业性演出许可', 'Commercial performance licence', 'b', 20, ['申请书', LIC, '演出经纪人员资格证明'], [['ADMIN', '许可审核']]],
          ['A6-06', '网络文化经营许可', 'Online culture business licence', 'v', 20, ['网络文化经营单位申请表', LIC, '网站/应用备案信息', '内容审核制度', '专业人员证明'], [['QF', '材料辅导'], ['ADMIN', '许可审核']]],
          ['A6-07', '第二类医疗器械经营备案', 'Class II medical device filing', 'b', 5, ['备案表', LIC, '经营场所证明', '质量管理制度'], [['SJ', '经营备案']]],
          ['A6-08', '出版物零售许可', 'Publication retail licence', 'b', 20, ['申请书', LIC, '经营场所证明'], [['ADMIN', '许可审核']]],
        ],
      },
      {
        code: 'A7',
        name: '政策申报与扶持',
        nameEn: 'Policy support',
        items: [
          ['A7-01', '区产业扶持政策申报辅导', 'District industry support application', 'v', 15, ['企业基本情况表', '近两年财务报表', '纳税证明', '项目材料'], [['QF', '政策匹配与辅导'], ['COMM', '申报受理']]],
          ['A7-02', '高新技术企业认定辅导', 'High-tech enterprise recognition', 'v', 20, ['知识产权证明', '研发费用专项审计报告', '高新技术产品收入说明', '科技人员名单'], [['QF', '申报辅导'], ['SCI', '认定申报']]],
          ['A7-03', '科技型中小企业评价入库', 'Tech SME evaluation', 'b', 10, ['企业基本信息', '研发投入情况', '知识产权情况'], [['SCI', '评价入库']]],
          ['A7-04', '专精特新企业申报', 'Specialised and innovative SME application', 'v', 20, ['申报书', '近三年财务报表', '主导产品说明', '知识产权证明'], [['QF', '申报辅导'], ['COMM', '申报受理']]],
          ['A7-05', '商标与专利申请指导', 'Trademark and patent guidance', 'b', 10, ['商标图样或技术交底材料', LIC], [['IP', '申请指导']]],
          ['A7-06', '银企融资对接', 'Financing match-making', 'v', 15, ['融资需求说明', '近两年财务报表', LIC], [['QF', '需求梳理'], ['BANK', '融资对接']]],
        ],
      },
    ],
  },
  {
    code: 'B',
    name: '活动服务',
    nameEn: 'Activities',
    subcategories: [
      {
        code: 'B1',
        name: '政策宣讲',
        nameEn: 'Policy briefings',
        items: [
          ['B1-01', '新办企业政策宣讲会', 'Briefing for new enterprises', 'b', 10, ['参会人员名单'], [['QF', '安排宣讲场次并通知']]],
          ['B1-02', '税收新政解读会', 'New tax rules briefing', 'b', 10, ['参会人员名单'], [['TAX-POINT', '组织解读会']]],
          ['B1-03', '人才政策进楼宇', 'Talent policy in the building', 'b', 10, ['楼宇场地需求', '参会人数'], [['TALENT', '上门宣讲']]],
          ['B1-04', '营商环境企业座谈会', 'Business environment forum', 'b', 10, ['参会人员名单', '议题建议'], [['QF', '组织座谈会']]],
        ],
      },
      {
        code: 'B2',
        name: '培训课程',
        nameEn: 'Training',
        items: [
          ['B2-01', '财务人员实务培训', 'Accounting practice training', 'b', 10, ['报名表'], [['QF', '安排课程与报名']]],
          ['B2-02', '人力资源合规培训', 'HR compliance training', 'b', 10, ['报名表'], [['QF', '安排课程与报名']]],
          ['B2-03', '数字化转型工作坊', 'Digital transformation workshop', 'v', 15, ['报名表', '企业数字化需求简述'], [['QF', '需求调研'], ['SUP-IT', '工作坊交付']], '按场次计费，街道补贴50%'],
          ['B2-04', '企业消防安全培训', 'Fire safety training', 'b', 10, ['参训人员名单'], [['XF', '上门培训与演练']]],
        ],
      },
      {
        code: 'B3',
        name: '交流联谊',
        nameEn: 'Networking',
        items: [
          ['B3-01', '楼宇白领联谊活动', 'Office workers social', 'b', 10, ['报名表'], [['QF', '组织活动']]],
          ['B3-02', '企业家沙龙', 'Entrepreneurs salon', 'v', 15, ['报名表', '交流议题'], [['QF', '组织沙龙']]],
          ['B3-03', '数字文娱产业链对接会', 'Digital entertainment supply-chain meet', 'v', 15, ['企业简介', '合作需求'], [['QF', '撮合对接']]],
          ['B3-04', '青年人才交友活动', 'Young talent social', 'b', 10, ['报名表'], [['QF', '组织活动']]],
        ],
      },
      {
        code: 'B4',
        name: '楼宇党群服务',
        nameEn: 'Party and community services in buildings',
        items: [
          ['B4-01', '党组织关系转接', 'Party membership transfer', 'b', 5, ['党组织关系介绍信', '本人身份证'], [['QF', '关系转接']]],
          ['B4-02', '党群服务站场地预约', 'Community room booking', 'b', 2, ['活动方案', '使用时间'], [['QF', '场地安排']]],
          ['B4-03', '楼宇志愿服务对接', 'Volunteer matching', 'b', 5, ['志愿者名单', '服务意向'], [['QF', '志愿项目对接']]],
          ['B4-04', '白领健康讲座', 'Health talk for office workers', 'b', 10, ['参加人数'], [['QF', '联系合作医疗机构并安排讲座']]],
        ],
      },
    ],
  },
  {
    code: 'C',
    name: '餐食服务',
    nameEn: 'Meals',
    subcategories: [
      {
        code: 'C1',
        name: '白领餐厅',
        nameEn: 'Staff canteen',
        items: [
          ['C1-01', '凯迪克大厦白领餐厅就餐卡办理', 'Canteen card at Kaidike Building', 'b', 2, ['员工名单', '工作证明'], [['CANTEEN', '办理就餐卡']], '午餐 ¥22–28/份'],
          ['C1-02', '白领午餐团体预订', 'Group lunch booking', 'b', 2, ['用餐人数与时间'], [['CANTEEN', '预订与确认']]],
          ['C1-03', '企业员工餐补对接', 'Meal allowance arrangement', 'v', 5, ['餐补方案', '员工名单'], [['QF', '方案沟通'], ['CANTEEN', '签订餐补协议']]],
          ['C1-04', '白领餐厅意见反馈', 'Canteen feedback', 'b', 5, ['意见与建议'], [['CANTEEN', '整改与回复']]],
        ],
      },
      {
        code: 'C2',
        name: '团餐与会务餐',
        nameEn: 'Catering',
        items: [
          ['C2-01', '会议茶歇预订', 'Meeting refreshments', 'v', 3, ['会议时间、地点与人数'], [['SUP-CATER', '茶歇配送']], '¥35/人起'],
          ['C2-02', '企业团餐配送', 'Group meal delivery', 'v', 5, ['用餐人数与频次', '口味需求'], [['SUP-CATER', '团餐方案与配送']]],
          ['C2-03', '节日慰问餐包', 'Festival meal boxes', 'v', 5, ['数量与送达地址'], [['SUP-CATER', '餐包制作与配送']]],
          ['C2-04', '加班餐配送对接', 'Overtime meal delivery', 'v', 3, ['时间与人数'], [['SUP-CATER', '配送安排']]],
        ],
      },
      {
        code: 'C3',
        name: '餐饮合规指导',
        nameEn: 'Food compliance guidance',
        items: [
          ['C3-01', '员工食堂食品安全指导', 'Staff canteen food safety', 'b', 10, ['食堂平面图', '食品安全管理制度'], [['SJ', '现场指导']]],
          ['C3-02', '餐饮企业证照咨询', 'Licences for food businesses', 'b', 5, [LIC], [['SJ', '证照咨询']]],
          ['C3-03', '从业人员健康证办理指引', 'Health certificates for food staff', 'b', 5, ['员工名单'], [['QF', '体检机构与流程指引']]],
          ['C3-04', '外卖骑手取餐点协调', 'Pick-up point for delivery riders', 'b', 10, ['楼宇与点位需求'], [['QF', '与物业协调取餐点'], ['LH', '点位设置审核']]],
        ],
      },
    ],
  },
  {
    code: 'D',
    name: '第三方供应商',
    nameEn: 'Third-party suppliers',
    subcategories: [
      {
        code: 'D1',
        name: '财税与法务',
        nameEn: 'Accounting and legal',
        items: [
          ['D1-01', '代理记账服务对接', 'Bookkeeping service', 'v', 5, ['企业基本信息', '记账需求'], [['SUP-FIN', '服务报价与签约']], '¥300–800/月'],
          ['D1-02', '审计服务对接', 'Audit service', 'v', 10, ['审计需求说明', '财务报表'], [['SUP-FIN', '审计方案与签约']]],
          ['D1-03', '常年法律顾问对接', 'Retained legal counsel', 'v', 5, ['法律服务需求'], [['SUP-LAW', '顾问方案与签约']]],
          ['D1-04', '合同审查', 'Contract review', 'v', 5, ['待审合同文本'], [['SUP-LAW', '审查并出具意见']]],
          ['D1-05', '公益法律咨询', 'Free legal advice session', 'b', 5, ['咨询事项说明'], [['HELP', '预约律师值班'], ['SUP-LAW', '现场咨询']]],
          ['D1-06', '知识产权代理对接', 'IP agency', 'v', 10, ['知识产权需求说明'], [['SUP-LAW', '代理方案与签约']]],
        ],
      },
      {
        code: 'D2',
        name: '人力资源服务',
        nameEn: 'HR services',
        items: [
          ['D2-01', '招聘渠道对接', 'Recruitment channels', 'v', 10, ['岗位需求表'], [['SUP-HR', '渠道推荐与发布']]],
          ['D2-02', '劳务派遣与外包对接', 'Staffing and outsourcing', 'v', 10, ['用工需求说明'], [['SUP-HR', '方案与签约']]],
          ['D2-03', '员工体检机构对接', 'Employee health checks', 'v', 10, ['体检人数与套餐需求'], [['SUP-HR', '体检安排']]],
          ['D2-04', '校园招聘活动对接', 'Campus recruitment', 'b', 15, ['岗位需求表', LIC], [['HR', '校园招聘活动报名']]],
          ['D2-05', '员工培训机构对接', 'Training providers', 'v', 10, ['培训需求说明'], [['SUP-HR', '培训方案推荐']]],
        ],
      },
      {
        code: 'D3',
        name: '办公与空间配套',
        nameEn: 'Office and space',
        items: [
          ['D3-01', '办公场地选址推荐', 'Office space search', 'b', 10, ['面积、预算与区位需求'], [['QF', '楼宇空置房源匹配与带看']]],
          ['D3-02', '办公网络与IT运维对接', 'Office network and IT support', 'v', 5, ['办公面积与人数', 'IT需求说明'], [['SUP-IT', '方案与实施']]],
          ['D3-03', '印务与会务服务对接', 'Printing and event services', 'v', 5, ['印务或会务需求'], [['SUP-PRINT', '报价与交付']]],
          ['D3-04', '共享会议室预约', 'Shared meeting room', 'b', 2, ['使用时间与人数'], [['QF', '会议室安排']]],
          ['D3-05', '装修与办公家具对接', 'Fit-out and furniture', 'v', 10, ['平面图', '装修需求'], [['SUP-FIT', '方案与报价'], ['FG', '装修备案指引']]],
        ],
      },
    ],
  },
];
