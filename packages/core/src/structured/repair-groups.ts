import { dropTagLines, dropTrailingProse, spaceAfterDash, stripDocumentFence, tabsToSpaces } from './repair-cleanup.ts';
import { foldColonScalar, quoteColonScalar } from './repair-colon-scalars.ts';
import { dropDuplicateKeys } from './repair-duplicates.ts';
import { alignDriftingDashes, reindentItemProperties } from './repair-indent.ts';
import {
  closeUnclosedQuote,
  doubleInvalidEscapes,
  escapeInnerQuotes,
  quoteQuotedFragment,
  quoteReservedStart,
  quoteTypeUnion,
  unquoteBlockIndicator,
} from './repair-quotes.ts';
import type { RepairRule } from './repair-rule.ts';
import { nestUnderParent, promotePrimaryKey } from './repair-structure.ts';
import { inlineFirstListItem, spaceAfterColon, splitKeysOnLine } from './repair-syntax.ts';

/**
 * workflow.md §12.2 step 4, in the order the groups run; the text is reparsed after each group. Cleanup comes first so
 * later rules see real YAML lines; indentation is settled before the quoting rules, which read continuation lines by
 * their indentation.
 */
export const REPAIR_GROUPS: readonly (readonly RepairRule[])[] = [
  [stripDocumentFence, dropTagLines, dropTrailingProse, tabsToSpaces, unquoteBlockIndicator, spaceAfterDash],
  [spaceAfterColon, inlineFirstListItem, splitKeysOnLine],
  [promotePrimaryKey, reindentItemProperties, alignDriftingDashes],
  [
    closeUnclosedQuote,
    escapeInnerQuotes,
    doubleInvalidEscapes,
    quoteQuotedFragment,
    quoteTypeUnion,
    quoteReservedStart,
  ],
  [quoteColonScalar, foldColonScalar],
  [nestUnderParent, dropDuplicateKeys],
];
