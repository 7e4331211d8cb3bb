import type { Command } from './context.ts';

/** `models`: the models OpenCode can run, or the server's advice when OpenCode is not reachable. */
export const models: Command = async (ctx) => {
  const catalog = await ctx.client.models.list.query();
  ctx.out.print(catalog, () => {
    if (catalog.message) return catalog.message;
    const lines = catalog.models.map(
      (model) => `${model.id}${model.variants.length ? `  (variants: ${model.variants.join(', ')})` : ''}`,
    );
    return lines.join('\n') || '(no connected models)';
  });
  return 0;
};
