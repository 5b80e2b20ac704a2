/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* sig_restart: an SA_RESTART handler interrupts a blocking read(), which is restarted. */
#include "restart.h"

int main(void)
{
	return restart_main("sig_restart", 1);
}
