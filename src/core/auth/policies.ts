import { definePolicies } from './policy.js';
import { hasRole } from './actor.js';

definePolicies({
  'auth.me': (a) => a.kind === 'user',
  'users.manage': (a) => hasRole(a, 'admin'),
  'apiKeys.manage': (a) => hasRole(a, 'admin'),
  'audit.read': (a) => hasRole(a, 'admin'),
});
