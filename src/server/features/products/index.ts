/** What other features may use of products: its public entry (.dependency-cruiser.cjs checks that they use nothing else). */
export { findProductByKey, insertProduct, type Product } from './products.repository.ts';
