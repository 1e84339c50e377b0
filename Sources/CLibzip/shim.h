// The libzip C API, seen by Swift through this one header. Only XLSXKit/Zip may import it.
#include <zip.h>
