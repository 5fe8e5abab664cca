// How an order's state and amounts read on screen, for the console's order panel and the
// buyer window's order banner alike.
import { OrderState } from '../gen/kefu/v1/orders_pb';
import type { TextKey } from './i18n';

export const orderStateText: Record<OrderState, TextKey> = {
  [OrderState.ORDER_STATE_UNSPECIFIED]: 'orderNone',
  [OrderState.UNPAID]: 'orderUnpaid',
  [OrderState.PAID]: 'orderPaid',
  [OrderState.SHIPPED]: 'orderShipped',
  [OrderState.COMPLETED]: 'orderCompleted',
  [OrderState.AFTER_SALE]: 'orderAfterSale',
  [OrderState.CLOSED]: 'orderClosed',
};

/** Fen as yuan: 25800 → "¥258.00". */
export const yuan = (fen: bigint | number) => `¥${(Number(fen) / 100).toFixed(2)}`;
