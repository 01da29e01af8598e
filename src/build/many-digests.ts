/**
 * How many digests count as many: below this many to parse, they are parsed in the build's own
 * thread (starting render threads would cost more), and a command reading this many or more has
 * much to do (`Project.largeWork`). Its own module: the project imports it without loading the threads'.
 */
export const MIN_DIGESTS_FOR_THREADS = 48;
