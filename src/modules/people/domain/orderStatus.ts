// Service orders (meal delivery, home help, …) move through a small state machine.
export const ORDER_KINDS = ['meal_delivery', 'home_help', 'bathing', 'escort'] as const;
export type OrderKind = (typeof ORDER_KINDS)[number];
export const ORDER_STATUSES = ['requested', 'accepted', 'in_progress', 'done', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

const NEXT: Record<OrderStatus, OrderStatus[]> = {
  requested: ['accepted', 'cancelled'],
  accepted: ['in_progress', 'cancelled'],
  in_progress: ['done'],
  done: [],
  cancelled: [],
};

export const allowedNext = (from: OrderStatus): OrderStatus[] => NEXT[from];
export const canMove = (from: OrderStatus, to: OrderStatus): boolean => NEXT[from].includes(to);
