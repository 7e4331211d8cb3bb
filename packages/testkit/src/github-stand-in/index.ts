export {
  type GithubRequest,
  type GithubStandIn,
  type StartGithubStandInOptions,
  startGithubStandIn,
} from './server.ts';
