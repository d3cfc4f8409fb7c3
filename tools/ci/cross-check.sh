#!/bin/sh
# SPDX-License-Identifier: MIT
# tools/ci/cross-check.sh: configure, build and `make check` a source tree for s390x and i386 under qemu-user.
#
# Usage: cross-check.sh SRCDIR WORKDIR ARCH...    (run by `make check-cross`, see mk/cross.am)
# ARCH is s390x (big-endian, 64-bit; clang --target with the cross binutils, libc and libgcc) or
# i386 (little-endian, 32-bit; gcc -m32 from gcc-multilib). Each gets a fresh WORKDIR/ARCH,
# configured --host=TRIPLET --enable-werror, with check and json-c from Debian multiarch.
#
# How the foreign programs run: binfmt_misc hands every s390x or i386 ELF file the kernel is asked
# to execute to qemu-user, so the test programs, the libtool wrapper scripts and the CLI calls of the
# shell tests run unchanged. The registration lives in a private user and mount namespace with its
# own binfmt_misc instance (Linux >= 6.7): nothing on the machine changes, root is not needed.
# Where that is not possible, a registration the host already has (Debian's qemu-user-binfmt) is
# used. The dynamic loader and libraries are the multiarch ones under /, so qemu needs no -L.
# i386 goes through qemu as well: a kernel without IA32 emulation refuses 32-bit programs.
# libcheck's timeouts are scaled by CK_TIMEOUT_MULTIPLIER (default 10 here) for the emulation.
set -u

if [ $# -lt 3 ]; then
	echo "usage: $0 SRCDIR WORKDIR ARCH..." >&2
	exit 2
fi
srcdir=$(cd "$1" && pwd) || exit 2
mkdir -p "$2" && work=$(cd "$2" && pwd) || exit 2
shift 2
: "${MAKE:=make}"
CK_TIMEOUT_MULTIPLIER=${CK_TIMEOUT_MULTIPLIER:-10}
export CK_TIMEOUT_MULTIPLIER

# arch_vars ARCH: the toolchain, the qemu binary and its binfmt_misc magic and mask (the values
# of QEMU's scripts/qemu-binfmt-conf.sh), and the ELF ident bytes 4, 5, 18, 19 (class, data,
# e_machine) every built program must carry.
arch_vars() {
	case $1 in
	s390x)
		triplet=s390x-linux-gnu multiarch=s390x-linux-gnu qemu=qemu-s390x
		cc="clang --target=$triplet" cxx="clang++ --target=$triplet" clang_check="$cc"
		magic='\x7fELF\x02\x02\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x16'
		mask='\xff\xff\xff\xff\xff\xff\xff\x00\xff\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff'
		elf_id="02 02 00 16" ;;
	i386)
		triplet=i686-linux-gnu multiarch=i386-linux-gnu qemu=qemu-i386
		cc="gcc -m32" cxx="g++ -m32" clang_check="clang --target=$triplet"
		magic='\x7fELF\x01\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x03\x00'
		mask='\xff\xff\xff\xff\xff\xfe\xfe\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff'
		elf_id="01 01 03 00" ;;
	*)
		return 1 ;;
	esac
}

# The bytes that identify an ELF file's class, byte order and machine, as "02 02 00 16".
elf_ident() {
	od -An -tx1 -v -N20 "$1" 2>/dev/null | tr -s ' \n' '  ' |
		awk '{ print $5, $6, $19, $20 }'
}

# How to run foreign programs here: "private", "host" (binfmt already registered), or "".
binfmt_mode() {
	if unshare --user --map-root-user --mount \
		sh -c 'mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc' >/dev/null 2>&1; then
		echo private
	elif grep -qx enabled "/proc/sys/fs/binfmt_misc/$qemu" 2>/dev/null; then
		echo host
	fi
}

# emulated COMMAND...: run COMMAND with ARCH programs handed to qemu.
emulated() {
	if [ "$mode" = private ]; then
		unshare --user --map-root-user --mount sh -c '
			mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc || exit 1
			printf "%s" "$1" > /proc/sys/fs/binfmt_misc/register || exit 1
			shift; exec "$@"' sh ":$qemu:M::$magic:$mask:$qemu_path:" "$@"
	else
		"$@"
	fi
}

# Seconds as 3m07s.
mmss() { printf '%dm%02ds' $(($1 / 60)) $(($1 % 60)); }

# Field NAME of an Automake test-suite.log summary.
count() { sed -n "s/^# $1: *//p" "$2" 2>/dev/null | head -n1; }

# The failing tests of a build tree: each one's failed TAP lines and their diagnostics.
show_failures() {
	for trs in $(find "$1" -name '*.trs' | sort); do
		grep -qE '^:test-result: (FAIL|ERROR|XPASS)' "$trs" || continue
		log=${trs%.trs}.log
		echo "  -- ${log#"$1"/}"
		if grep -q '^not ok' "$log"; then
			awk '/^not ok/ { d = 1; print "     " $0; next }
				d && /^#/ { print "     " $0; next } { d = 0 }' "$log" | head -n 30
		else
			tail -n 10 "$log" | sed 's/^/     /'
		fi
	done
}

status=0
summary=""
for arch in "$@"; do
	if ! arch_vars "$arch"; then
		echo "check-cross: unknown architecture '$arch' (known: s390x i386)" >&2
		status=1; summary="$summary
check-cross $arch: unknown architecture"
		continue
	fi
	b="$work/$arch"
	rm -rf "$b" && mkdir -p "$b" || exit 1
	echo "== check-cross $arch: configure --host=$triplet CC='$cc' (logs in $b)"
	t0=$(date +%s)
	qemu_path=$(command -v "$qemu") || qemu_path=""
	mode=$(binfmt_mode)
	result=""
	if [ -z "$qemu_path" ]; then
		result="$qemu not found: install qemu-user (./bootstrap --deps)"
	elif [ -z "$mode" ]; then
		result="cannot run $arch programs: no binfmt_misc in a user namespace (Linux >= 6.7) and no host registration of $qemu (qemu-user-binfmt)"
	elif ! (cd "$b" && "$srcdir/configure" --host="$triplet" --enable-werror \
		--disable-dependency-tracking CC="$cc" CXX="$cxx" \
		PKG_CONFIG_LIBDIR="/usr/lib/$multiarch/pkgconfig:/usr/share/pkgconfig") \
		> "$b/configure.out" 2>&1; then
		result="configure failed"
		tail -n 15 "$b/configure.out" | sed 's/^/  /'
	elif ! (cd "$b" && $MAKE all && $MAKE check TESTS=) > "$b/build.out" 2>&1; then
		result="build failed"
		grep -E 'error|Error' "$b/build.out" | head -n 30 | sed 's/^/  /'
	fi
	t1=$(date +%s)
	if [ -z "$result" ]; then
		for f in "$b/tools/iommufmt/.libs/iommufmt" "$b/tests/test-layout"; do
			got=$(elf_ident "$f")
			if [ "$got" != "$elf_id" ]; then
				result="$f is not an $arch program (ELF ident '$got', wanted '$elf_id')"
				break
			fi
		done
	fi
	if [ -z "$result" ]; then
		echo "== check-cross $arch: make check under $qemu (binfmt_misc: $mode; built in $(mmss $((t1 - t0))))"
		(cd "$b" && PKG_CONFIG_LIBDIR="/usr/lib/$multiarch/pkgconfig:/usr/share/pkgconfig" \
			CLANG="$clang_check" emulated $MAKE check) > "$b/check.out" 2>&1
		t2=$(date +%s)
		log="$b/test-suite.log"
		pass=$(count PASS "$log"); fail=$(count FAIL "$log"); err=$(count ERROR "$log")
		skip=$(count SKIP "$log"); xpass=$(count XPASS "$log")
		bad=$(( ${fail:-0} + ${err:-0} + ${xpass:-0} ))
		if [ -z "$pass" ]; then
			result="make check did not finish (see $b/check.out)"
			tail -n 15 "$b/check.out" | sed 's/^/  /'
		elif [ "$bad" -gt 0 ]; then
			result="PASS $pass, FAIL $bad, SKIP ${skip:-0}"
			show_failures "$b"
		else
			result="PASS $pass, FAIL 0, SKIP ${skip:-0}"
		fi
		result="$result (build $(mmss $((t1 - t0))), check $(mmss $((t2 - t1))))"
		[ "$bad" = 0 ] && [ -n "$pass" ] || status=1
	else
		status=1
	fi
	echo "== check-cross $arch: $result"
	summary="$summary
check-cross $arch: $result"
done
echo "== check-cross summary:$summary"
exit $status
