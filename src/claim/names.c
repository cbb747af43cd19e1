/*
 * names.c: the JSON names of the claim layer's enums, in enum order.
 */
#include "claim/claim.h"

const char *const ekind_names[EK_KINDS] = {"person", "organization", "country", "place", "group"};

const char *const measure_names[MS_KINDS] = {
	"deployed", "killed", "wounded", "casualties", "captured", "missing", "defected", "other",
};

const char *const stance_names[ST_KINDS] = {"deny", "confirm", "acknowledge", "nondenial"};
