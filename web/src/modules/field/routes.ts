import type { RouteRecordRaw } from 'vue-router';

// Phone pages of field staff (inspectors, department handlers): permission staff.position
// is held by exactly the people who work in the street.
export default [
  { path: '/field', name: 'field-tasks', component: () => import('./FieldTasksView.vue'), meta: { permission: 'staff.position' } },
  { path: '/field/case/:id(\\d+)', name: 'field-case', component: () => import('./FieldCaseView.vue'), meta: { permission: 'staff.position' } },
  { path: '/field/report', name: 'field-report', component: () => import('./PatrolReportView.vue'), meta: { permission: 'cases.create' } },
] satisfies RouteRecordRaw[];
