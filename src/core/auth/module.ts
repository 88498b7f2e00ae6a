import './policies.js';
import type { Module } from '../context.js';
import { registerMessages } from '../http/i18n.js';
import { sessionRoutes } from './routes/session.js';
import { userRoutes } from './routes/users.js';

registerMessages({
  zh: {
    'thing.user': '用户',
    'thing.api_key': 'API 密钥',
    'user.username_taken': '用户名 {username} 已被占用',
    'apikey.unknown_grant': '未知的权限 {grant}',
  },
  en: {
    'thing.user': 'User',
    'thing.api_key': 'API key',
    'user.username_taken': 'User name {username} is already taken',
    'apikey.unknown_grant': 'Unknown grant {grant}',
  },
});

export const authModule: Module = {
  name: 'auth',
  routes(app, ctx) {
    sessionRoutes(app, ctx);
    userRoutes(app, ctx);
  },
};
