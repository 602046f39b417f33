//! Links `balie` as a position-dependent executable on Linux: a command such as
//! `balie overdue` runs for a few milliseconds, and a position-independent one first spends
//! a good part of that relocating tens of thousands of pointers, writing (and so copying)
//! every page that holds one. Address randomisation of the stack, heap and libraries stays.

fn main() {
    let target_os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let target_env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if target_os == "linux" && target_env == "gnu" {
        println!("cargo::rustc-link-arg-bins=-no-pie");
    }
    println!("cargo::rerun-if-changed=build.rs");
}
