// Workspaces (landing-page cards and menu entries) contributed by feature folders in
// web/src/modules/*/workspaces.ts. Each names the permission the server checks.
export interface Workspace {
  to: string;
  /** i18n key of the title and of a one-line description */
  title: string;
  description?: string;
  /** shown when the user holds this permission (policy action) */
  permission: string;
  /** order on the landing page; lower first */
  order?: number;
  /** the phone-first pages of field staff and residents */
  mobile?: boolean;
}

const found = import.meta.glob<{ default: Workspace[] }>('./modules/*/workspaces.ts', { eager: true });
export const workspaces: Workspace[] = Object.values(found)
  .flatMap((m) => m.default)
  .sort((a, b) => (a.order ?? 50) - (b.order ?? 50));
