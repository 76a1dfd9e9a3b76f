// Debian's libopenblas-dev installs the CBLAS interface on the multiarch include path.
#include <cblas.h>

// Not in cblas.h of every BLAS; OpenBLAS exports it to size its own thread pool.
void openblas_set_num_threads(int num_threads);
int openblas_get_num_threads(void);
char *openblas_get_config(void);
