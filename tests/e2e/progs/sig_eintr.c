/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* sig_eintr: a handler without SA_RESTART interrupts a blocking read(), which fails with EINTR. */
#include "restart.h"

int main(void)
{
	return restart_main("sig_eintr", 0);
}
