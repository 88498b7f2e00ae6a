/// <reference types="vite/client" />
import 'vue-router';
declare module 'vue-router' {
  interface RouteMeta {
    public?: boolean;
    /** no header (the page has its own) */
    bare?: boolean;
    /** drawn without the app shell at all (no Element Plus): the wall screen */
    fullscreen?: boolean;
    permission?: string;
  }
}
declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}
