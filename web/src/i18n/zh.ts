export default {
  app: { name: '街道', fullName: '石门二路街道 · 街道综合管理平台', tagline: '城运 · 企业服务 · 三会协同 · 民生' },
  common: { logout: '退出登录', language: 'English', largeText: '大字', normalText: '标准字号', loading: '加载中…', retry: '重试', save: '保存', cancel: '取消', confirm: '确定', back: '返回', none: '暂无', error: '出错了', home: '首页' },
  login: { title: '登录', username: '用户名', password: '密码', submit: '登录', demoHint: '演示账号见启动信息，密码 jiedao2026', required: '请输入用户名和密码' },
  home: { welcome: '您好，{name}', roles: '角色', tenant: '所属街道', workspaces: '我的工作台', nothing: '您的角色暂无可用的工作台，请联系管理员。' },
  roles: { admin: '系统管理员', acceptor: '受理员', shift_leader: '值班长', dispatcher: '派遣员', inspector: '网格监督员', handler: '部门处置人员', agent_chief: '首席代办专员', agent: '一线代办专员', enterprise_user: '企业用户', committee_member: '委员会成员', care_staff: '养老服务人员', resident: '居民/业主', district_viewer: '区级查看' },
  nav: { places: '辖区地图与网格', accounts: '账号与权限', apiDocs: '接口文档' },
};
