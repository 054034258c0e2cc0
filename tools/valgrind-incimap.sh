#!/bin/sh
# valgrind-incimap.sh: runs the real incimap binary ($INCIMAP_REAL) under
# valgrind memcheck; any invalid access or definite leak exits 99, which the
# end-to-end tests see as a wrong exit status. Used by `make test-valgrind`.
# Leaks inside the libraries incimap links (not its own) are suppressed in
# tools/valgrind.supp.
exec valgrind --quiet --error-exitcode=99 --leak-check=full \
	--errors-for-leak-kinds=definite --show-leak-kinds=definite \
	--suppressions="$(dirname "$0")/valgrind.supp" \
	--track-fds=no "$INCIMAP_REAL" "$@"
