/** A vendor's application that seats are sold for; `key` is what apps send and filters take. */
export interface Product {
  key: string;
  name: string;
}
