/** Job kinds of provisioning (apart from their steps, so that route handlers need not load SSH code). */
export const PROVISION_JOB_KIND = "provision-device";
/** A node joining with the one-line command: the centre follows it until the node is Ready. */
export const JOIN_COMMAND_JOB_KIND = "join-node-command";
