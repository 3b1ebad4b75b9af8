/**
 * Redocly decorators that openapi-typescript applies while it reads openapi.json (see
 * redocly.yaml). They mend what the server's document gets wrong, loudly, so that the fix lands
 * in the server and this file can be emptied.
 */
module.exports = () => ({
  id: 'reelsmith',
  decorators: {
    oas3: {
      /**
       * A schema with properties but `"type": "null"` (a nullable reference whose `null` leaked
       * into the referenced schema) is an object; the reference keeps its `oneOf` with null.
       */
      'object-not-null': () => ({
        Schema: {
          leave(schema, ctx) {
            if (schema.type === 'null' && schema.properties) {
              console.warn(`openapi.json: ${ctx.location.pointer} has "type": "null" and properties; read as an object`);
              schema.type = 'object';
            }
          },
        },
      }),
    },
  },
});
