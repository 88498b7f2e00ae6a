// Who may post to the Open311 interface: a client holding an API key granted
// `open311.report` (admins grant it like any other action under 系统管理 → API 密钥).
// Reading (services, requests, tokens, updates) is public, as the standard has it.
import { definePolicies } from '../../core/auth/index.js';

export const REPORT_GRANT = 'open311.report';

definePolicies({
  [REPORT_GRANT]: (a) => a.kind === 'apiKey',
});
