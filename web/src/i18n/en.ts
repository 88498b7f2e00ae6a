export default {
  app: { name: 'Jiedao', fullName: 'Shimen Er Road Subdistrict · Jiedao platform', tagline: 'City operations · Enterprise services · Co-governance · Livelihood' },
  common: { logout: 'Log out', language: '中文', largeText: 'Large text', normalText: 'Normal text', loading: 'Loading…', retry: 'Retry', save: 'Save', cancel: 'Cancel', confirm: 'OK', back: 'Back', none: 'None', error: 'Something went wrong', home: 'Home' },
  login: { title: 'Log in', username: 'User name', password: 'Password', submit: 'Log in', demoHint: 'Demo accounts are printed at start; password jiedao2026', required: 'Enter your user name and password' },
  home: { welcome: 'Hello, {name}', roles: 'Roles', tenant: 'Subdistrict', workspaces: 'My workspaces', nothing: 'Your roles have no workspace yet; contact an administrator.' },
  roles: { admin: 'Administrator', acceptor: 'Call taker', shift_leader: 'Shift leader', dispatcher: 'Dispatcher', inspector: 'Grid inspector', handler: 'Department handler', agent_chief: 'Chief enterprise agent', agent: 'Frontline agent', enterprise_user: 'Enterprise user', committee_member: 'Committee member', care_staff: 'Care staff', resident: 'Resident / owner', district_viewer: 'District viewer' },
  nav: { places: 'Map and grids', accounts: 'Accounts and roles', apiDocs: 'API documentation' },
};
