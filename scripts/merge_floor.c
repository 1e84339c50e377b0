/* merge_floor: what reading and writing alone cost in a merge, with no parsing, checking or
   formatting at all: inflate every entry of every .xlsx in DIR (libzip), then deflate every entry
   of OUT.xlsx (the merge's own output, inflated first, untimed) at level 1 with zlib.
   Single-threaded; prints both times. Build and run (see docs/BENCHMARKS.md):
     cc -O2 scripts/merge_floor.c -lzip -lz -o /tmp/merge_floor && /tmp/merge_floor DIR OUT.xlsx */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zip.h>
#include <zlib.h>

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

/* Inflates every entry of `path`; returns the bytes read, or -1. Keeps them if `keep` is set. */
static long inflate_all(const char *path, unsigned char **keep, long *kept) {
  int err = 0;
  zip_t *z = zip_open(path, ZIP_RDONLY, &err);
  if (!z) return -1;
  long total = 0;
  static unsigned char buf[1 << 16];
  for (zip_int64_t i = 0; i < zip_get_num_entries(z, 0); i++) {
    zip_file_t *f = zip_fopen_index(z, (zip_uint64_t)i, 0);
    if (!f) continue;
    zip_int64_t n;
    while ((n = zip_fread(f, buf, sizeof buf)) > 0) {
      if (keep) {
        *keep = realloc(*keep, (size_t)(*kept + n));
        memcpy(*keep + *kept, buf, (size_t)n);
        *kept += n;
      }
      total += n;
    }
    zip_fclose(f);
  }
  zip_close(z);
  return total;
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: merge_floor DIR OUT.xlsx\n");
    return 2;
  }
  unsigned char *out = NULL;
  long outSize = 0;
  if (inflate_all(argv[2], &out, &outSize) < 0) {
    fprintf(stderr, "cannot read %s\n", argv[2]);
    return 2;
  }
  double t0 = now();
  DIR *d = opendir(argv[1]);
  if (!d) return 2;
  struct dirent *e;
  long files = 0, bytes = 0;
  char path[4096];
  while ((e = readdir(d))) {
    size_t len = strlen(e->d_name);
    if (len < 5 || strcmp(e->d_name + len - 5, ".xlsx") != 0) continue;
    snprintf(path, sizeof path, "%s/%s", argv[1], e->d_name);
    long n = inflate_all(path, NULL, NULL);
    if (n > 0) {
      files++;
      bytes += n;
    }
  }
  closedir(d);
  double t1 = now();
  uLongf bound = compressBound((uLong)outSize);
  unsigned char *packed = malloc(bound);
  if (compress2(packed, &bound, out, (uLong)outSize, 1) != Z_OK) return 2;
  double t2 = now();
  printf("inflate %ld files, %ld bytes: %.3f s\n", files, bytes, t1 - t0);
  printf("deflate %ld bytes at level 1 into %lu: %.3f s\n", outSize, (unsigned long)bound, t2 - t1);
  printf("together, on one core: %.3f s\n", t2 - t0);
  return 0;
}
