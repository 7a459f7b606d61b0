/** The public entry of products: what other features, http/ and cli/ may use of it (.dependency-cruiser.cjs refuses any other way in). */
export { findProductByKey, insertProduct, type Product } from './products.repository.ts';
