import { Field, FieldMiddleware } from '@nestjs/graphql';

// Only the Redactor marks a placeholder; every other object leaves without the flag.
const restrictedOf: FieldMiddleware = ({ source }) =>
  (source as { restricted?: unknown }).restricted === true;

/** `restricted: Boolean!` on a node-like result type: true for a need-to-know placeholder. */
export const RestrictedField = () =>
  Field(() => Boolean, {
    description:
      'Above your clearance (need-to-know): the id is a stand-in, the name "restricted"; numbers still count.',
    middleware: [restrictedOf],
  });
