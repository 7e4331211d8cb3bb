/**
 * workflow.md §13 `read_only`: drafting and refining may inspect the repository but change nothing. `question` stays
 * on because a drafting member may ask the operator (§5.2.5, `steeredByOperator`).
 */
export const READ_ONLY_TOOLS: Readonly<Record<string, boolean>> = {
  '*': false,
  codesearch: true,
  glob: true,
  grep: true,
  list: true,
  lsp: true,
  read: true,
  question: true,
};

/**
 * workflow.md §13 `disabled`: voters get no tools. OpenCode turns each entry into a permission rule and the last
 * matching rule wins, so `'*': false` denies every tool (and the specific allows above override it for read_only).
 */
export const DISABLED_TOOLS: Readonly<Record<string, boolean>> = { '*': false };
