export const USAGE = `looptroop — turn a coding ticket into an agent-built pull request

Usage: looptroop <command> [options]

  start [--port N --host H --data-dir DIR --no-opencode]   run the server in the foreground
  status                                                   server, storage and OpenCode status
  projects list | attach --name N --shortname S --path P | rm ID|SHORTNAME | delete-worktrees ID|SHORTNAME
  tickets list [--project ID] | show REF | create --project ID --title T [--description D --priority P]
  tickets start REF | retry REF | approve REF | cancel REF [--delete-content --delete-log]
  interview show REF | answer REF [--answer Q=text ...] [--select Q=opt1,opt2 ...] [--skip Q ...]
  prd show REF [--raw] | edit REF [--file PATH] | approve REF [--reason TEXT]
                                                           review, edit ($EDITOR) and approve the PRD
  beads show REF [--flow NAME] | approve REF [--reason TEXT]
                                                           review and approve the bead plan
  beads status REF                                         beads done/total, the ETA, each bead's live status
  diff REF [BEAD]                                          a bead's code diff, or the ticket's net diff
  setup show REF [--raw] | edit REF [--file PATH] | regenerate REF --commentary TEXT | approve REF
                                                           review, edit (a setup-blocked ticket goes back to the gate), regenerate, approve
  pr show REF | merge REF | close REF [--reason TEXT]      the pull request; Merge PR & Finish; Finish Without Merge
  logs REF [--follow]                                      stored events (bead progress included), then live ones
  models                                                   models OpenCode can run
  openapi                                                  print the OpenAPI document
  demo [--repo PATH] [--ticket TITLE] [--auto] [--until STATUS]   (from a checkout)
                                                           play a ticket with scripted models (no API keys), up to
                                                           --until (default WAITING_BEADS_APPROVAL, at most
                                                           WAITING_PR_REVIEW); --auto answers, approves and
                                                           answers the agent's questions; beads print live

Options: --url URL (default $LOOPTROOP_URL or http://127.0.0.1:3000), --json, --help, --version
Environment: LOOPTROOP_URL, LOOPTROOP_API_TOKEN (sent to servers bound beyond loopback), VISUAL or EDITOR
Exit codes: 0 ok, 1 failure or server unreachable, 2 usage error`;
