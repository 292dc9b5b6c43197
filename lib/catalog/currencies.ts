// The currencies a product may be priced in. The schema owns the list (it is the database's
// enum); pages and forms take it from here, as they never import db/ themselves.
export { currencies, type Currency } from "@/db/schema/catalog";
