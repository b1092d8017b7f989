//! The `claimtrace` binary: parses arguments and hands over to the library.

mod cli;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    // Where no constructor ran (see `RETURN_MEMORY`), late, but the purge still applies.
    #[cfg(not(target_os = "linux"))]
    allocator_returns_memory();
    std::process::exit(cli::main());
}

/// Sets mimalloc's options before the first allocation, which reserves its first arena:
/// a constructor, run by the loader before the Rust runtime starts.
#[cfg(target_os = "linux")]
#[used]
#[link_section = ".init_array"]
static RETURN_MEMORY: extern "C" fn() = {
    extern "C" fn run() {
        allocator_returns_memory();
    }
    run
};

/// mimalloc (v3) keeps freed memory for a second before it gives it back to the system,
/// and commits its arenas whole where the system overcommits: one 8 MB document then
/// peaked at twice the memory it had in use. Freed memory goes back at once and arenas
/// are committed as they fill; the CPU time of `extract` and `ingest` does not change.
fn allocator_returns_memory() {
    use std::ffi::{c_int, c_long};
    // `mi_option_t` values of mimalloc v3's `mimalloc.h` (`mi_option_arena_eager_commit`,
    // `mi_option_purge_delay`); mimalloc keeps retired options in the enumeration so
    // that these numbers stay.
    const ARENA_EAGER_COMMIT: c_int = 4;
    const PURGE_DELAY: c_int = 15;
    extern "C" {
        fn mi_option_set(option: c_int, value: c_long);
    }
    // SAFETY: `mi_option_set` is linked in with mimalloc (libmimalloc-sys), takes an
    // option number and a value, and only stores the value; both options are read
    // when mimalloc next reserves or purges memory.
    unsafe {
        mi_option_set(ARENA_EAGER_COMMIT, 0);
        mi_option_set(PURGE_DELAY, 0);
    }
}
