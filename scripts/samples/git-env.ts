/** Who made a commit, and who committed it. */
export interface Author {
  name: string;
  email: string;
}

/**
 * The environment of a git command whose commits are the same on every run and machine: fixed
 * author, committer and date, and no user or system configuration.
 */
export function pinnedGitEnv(home: string, author: Author, date: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: home,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: author.name,
    GIT_AUTHOR_EMAIL: author.email,
    GIT_COMMITTER_NAME: author.name,
    GIT_COMMITTER_EMAIL: author.email,
    GIT_AUTHOR_DATE: date,
    GIT_COMMITTER_DATE: date,
  };
}
