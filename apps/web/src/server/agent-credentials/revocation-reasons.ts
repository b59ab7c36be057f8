/** Why a credential ended when Outpost itself ended it (a person's revocation carries their own words). */
export const ROTATED = "rotated";
/** After an interrupted rotation the agent connected with its other credential. */
export const SUPERSEDED = "superseded";
/** The agent that registered lost the answer and asked again (reissue-lost-registration). */
export const REISSUED = "registration answer lost; a new credential was issued to the same agent";
