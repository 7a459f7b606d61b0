import { type Static, Type } from 'typebox';
import { pageOf } from './paging.ts';

/** A vendor's application that seats are sold for; `key` is what apps send and filters take. */
export const ProductSchema = Type.Object({ key: Type.String(), name: Type.String() }, { $id: 'Product' });
export type Product = Static<typeof ProductSchema>;

/** The named schemas a `Type.Ref('Product')` points to, for `Static` (src/server/http/app.ts registers them). */
export type ProductRefs = { Product: typeof ProductSchema };

export const ProductPage = pageOf(Type.Ref('Product'));
export type ProductPage = Static<typeof ProductPage, ProductRefs>;
