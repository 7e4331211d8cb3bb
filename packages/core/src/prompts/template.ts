import { readFileSync } from 'node:fs';

/** Prompts are data: a `.md` file beside its phase, with `{{name}}` placeholders. */
export function loadPrompt(url: URL): (values: Record<string, string>) => string {
  const template = readFileSync(url, 'utf8');
  return (values) =>
    template.replace(/\{\{(\w+)\}\}/g, (_whole, name: string) => {
      const value = values[name];
      if (value === undefined) throw new Error(`prompt ${url.pathname} needs {{${name}}}`);
      return value;
    });
}

/** The machine-readable tag every prompt carries, so logs, tests and the scripted model can tell phases apart. */
export const phaseTag = (status: string) => `[[phase:${status}]]`;

export function ticketDetails(ticket: { externalId: string; title: string; description: string; priority: number }) {
  return [
    `Ticket: ${ticket.externalId}`,
    `Title: ${ticket.title}`,
    `Priority: P${ticket.priority}`,
    'Description:',
    ticket.description.trim() || '(no description)',
  ].join('\n');
}
