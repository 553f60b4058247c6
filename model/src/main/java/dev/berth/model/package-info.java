/** The desired state: the manifest, its images, and the stable reasons every failure carries. */
@NullMarked
package dev.berth.model;

import org.jspecify.annotations.NullMarked;
