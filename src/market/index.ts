export * from './grid.js';
export * from './fees.js';
export * from './book/constants.js';
export { OrderBook, type RestingOrder, type SubmitOutcome } from './book/order-book.js';
export type { BookEvent, FillEvent, CancelEvent } from './book/events.js';
export { Position } from './position.js';
export { Account, type AccountSnapshot } from './account.js';
export { TradeTape, type Trade } from './trade-tape.js';
export * from './exchange.js';
