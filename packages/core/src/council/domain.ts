/** The three planning domains that run a council (workflow.md §5). */
export const COUNCIL_DOMAINS = ['interview', 'prd', 'beads'] as const;
export type CouncilDomain = (typeof COUNCIL_DOMAINS)[number];

/** How a domain is named in titles and error messages. */
export const DOMAIN_LABELS: Record<CouncilDomain, string> = {
  interview: 'Interview',
  prd: 'PRD',
  beads: 'Beads',
};
